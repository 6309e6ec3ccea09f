package io.strata.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import io.strata.aws.ingest.IngestFailedException;
import io.strata.aws.ingest.IngestSummary;
import io.strata.aws.ingest.S3EventProcessor;
import io.strata.core.contract.ContractRepository;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.LakeLayout;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for S3 event notifications: scans the raw bucket and turns every new object into the
 * {@code ObjectCreated:Put} event Lambda would receive, fed to the same {@link S3EventProcessor}.
 * In watch mode an object is taken only once its size, time and ETag have held still for one scan,
 * so a file still being copied into the folder is not read half-way. An object whose content was
 * ingested already (same ETag and size) is not ingested again when only its time changes.
 */
@ApplicationScoped
public class RawBucketWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(RawBucketWatcher.class);

  private final ObjectStore store;
  private final S3EventProcessor processor;
  private final LocalLakeConfig config;
  private final ContractRepository contracts;
  private final Map<String, ObjectInfo> pending = new HashMap<>();
  private final Map<String, String> done = new HashMap<>();
  private final Map<String, WaitingOnContract> waiting = new HashMap<>();

  public RawBucketWatcher(
      ObjectStore store,
      S3EventProcessor processor,
      LocalLakeConfig config,
      ContractRepository contracts) {
    this.store = store;
    this.processor = processor;
    this.config = config;
    this.contracts = contracts;
  }

  /** An object version that failed on its dataset's broken contract, as that contract stood. */
  private record WaitingOnContract(String version, Optional<String> contractRevision) {}

  /** What one scan did. */
  public record ScanResult(List<IngestResult> results, List<String> failures) {}

  /**
   * Ingests new raw objects.
   *
   * @param waitForStableObjects true in watch mode: take an object only when it looked the same in
   *     the previous scan
   */
  public synchronized ScanResult scan(boolean waitForStableObjects) {
    List<IngestResult> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (ObjectInfo listed : store.list(config.rawBucket(), "")) {
      ObjectInfo object = waitForStableObjects ? listed : withETag(listed);
      String version = contentOf(object);
      if (version.equals(done.get(object.key())) || waitsOnSameContract(object.key(), version)) {
        pending.remove(object.key());
        continue;
      }
      ObjectInfo seenBefore = pending.put(object.key(), object);
      if (waitForStableObjects && !object.equals(seenBefore)) {
        continue;
      }
      pending.remove(object.key());
      try {
        IngestSummary summary = processor.process(eventFor(object));
        results.addAll(summary.results());
        done.put(object.key(), version);
      } catch (IngestFailedException e) {
        failures.add(e.getMessage());
        if (e.brokenContracts()) {
          // Retrying cannot help before the contract changes: wait for that, and say so once.
          waiting.put(object.key(), new WaitingOnContract(version, contractRevision(object.key())));
          LOG.error("{}; retrying once the contract changes", e.getMessage());
        } else {
          LOG.error("{}; retrying on the next scan", e.getMessage());
        }
      }
    }
    return new ScanResult(results, failures);
  }

  private boolean waitsOnSameContract(String key, String version) {
    WaitingOnContract wait = waiting.get(key);
    if (wait == null) {
      return false;
    }
    if (wait.version().equals(version) && wait.contractRevision().equals(contractRevision(key))) {
      return true;
    }
    waiting.remove(key);
    return false;
  }

  private Optional<String> contractRevision(String key) {
    return LakeLayout.datasetOf(key).flatMap(contracts::revision);
  }

  /**
   * What makes an object version new: its content (ETag and size, or S3's version id), never its
   * modification time, so a {@code touch} of a raw file ingests nothing again.
   */
  static String contentOf(ObjectInfo object) {
    return object.versionId() != null
        ? "version:" + object.versionId()
        : object.eTag() + "/" + object.size();
  }

  /**
   * A listing leaves out the ETag of a file that changed a moment ago (it may still be copied in);
   * a one-shot scan does not wait for it and asks for the ETag directly.
   */
  private ObjectInfo withETag(ObjectInfo listed) {
    if (listed.eTag() != null) {
      return listed;
    }
    return store.head(listed.bucket(), listed.key()).orElse(listed);
  }

  /** The event S3 would send for this object (keys URL-encoded as in real notifications). */
  static S3Event eventFor(ObjectInfo object) {
    String encodedKey = URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/");
    S3ObjectEntity entity =
        new S3ObjectEntity(encodedKey, object.size(), object.eTag(), object.versionId(), null);
    S3BucketEntity bucket =
        new S3BucketEntity(object.bucket(), null, "arn:aws:s3:::" + object.bucket());
    S3EventNotificationRecord record =
        new S3EventNotificationRecord(
            "us-east-1",
            "ObjectCreated:Put",
            "aws:s3",
            object.lastModified() == null ? null : object.lastModified().toString(),
            "2.1",
            null,
            null,
            new S3Entity("strata-local-watcher", bucket, entity, "1.0"),
            null);
    return new S3Event(List.of(record));
  }
}
