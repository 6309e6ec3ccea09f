package io.strata.aws.split;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.core.ingest.BatchId;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.LakeJson;
import io.strata.core.ingest.LakeLayout;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.ingest.SplitIngestion;
import io.strata.core.store.ObjectStoreException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the large-file state machine for an object above the threshold. The execution is named
 * after the batch id, so a duplicate S3 event finds the execution of its twin and starts nothing
 * (Step Functions keeps names unique per state machine for 90 days); past that, the batch id still
 * keeps the object from being appended twice. The input holds the events of the plan, key and
 * commit steps (see {@link SplitEvents}) and where the two Distributed Map states read their items
 * in the history bucket.
 */
public final class StepFunctionsLargeFiles implements LargeFiles {

  private static final Logger LOG = LoggerFactory.getLogger(StepFunctionsLargeFiles.class);

  private final Supplier<SfnClient> sfn;
  private final String stateMachineArn;
  private final long thresholdBytes;
  private final String historyBucket;

  public StepFunctionsLargeFiles(
      Supplier<SfnClient> sfn, String stateMachineArn, long thresholdBytes, String historyBucket) {
    this.sfn = sfn;
    this.stateMachineArn = stateMachineArn;
    this.thresholdBytes = thresholdBytes;
    this.historyBucket = historyBucket;
  }

  @Override
  public Optional<IngestResult> take(RawObjectRef raw) {
    Optional<String> dataset = LakeLayout.datasetOf(raw.key());
    if (raw.size() <= thresholdBytes
        || dataset.isEmpty()
        || LakeLayout.whyIgnored(raw.key()).isPresent()) {
      return Optional.empty();
    }
    String batchId = BatchId.of(raw);
    String input = input(raw, dataset.get(), batchId);
    try {
      sfn.get().startExecution(b -> b.stateMachineArn(stateMachineArn).name(batchId).input(input));
      LOG.info(
          "Handed {} ({} bytes) to the large-file state machine as {}",
          raw.uri(),
          raw.size(),
          batchId);
    } catch (ExecutionAlreadyExistsException e) {
      LOG.info("{} is already with the large-file state machine as {}", raw.uri(), batchId);
    } catch (SdkException e) {
      throw new ObjectStoreException(
          "Cannot start the large-file ingest of " + raw.uri() + ": " + e.getMessage(), e);
    }
    return Optional.of(
        new IngestResult(
            raw.uri(),
            dataset.get(),
            batchId,
            IngestOutcome.FANNED_OUT,
            0,
            0,
            0,
            "ingested in byte ranges by execution " + batchId,
            Duration.ZERO));
  }

  private String input(RawObjectRef raw, String dataset, String batchId) {
    ObjectNode root = LakeJson.mapper().createObjectNode();
    root.set("plan", SplitEvents.event(raw, "plan"));
    root.set("keys", SplitEvents.event(raw, "keys"));
    root.set("commit", SplitEvents.event(raw, "commit"));
    root.put("historyBucket", historyBucket);
    root.put("itemsKey", SplitIngestion.itemsKey(dataset, batchId));
    root.put("rerunsKey", SplitIngestion.rerunsKey(dataset, batchId));
    try {
      return LakeJson.mapper().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the state machine's input", e);
    }
  }
}
