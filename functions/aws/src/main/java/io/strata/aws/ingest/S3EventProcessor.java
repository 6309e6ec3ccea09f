package io.strata.aws.ingest;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.strata.aws.s3.S3EventIntake;
import io.strata.aws.s3.S3Intake;
import io.strata.aws.split.LargeFiles;
import io.strata.aws.split.SplitEvents;
import io.strata.aws.split.SplitSteps;
import io.strata.core.contract.ContractException;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.RawObjectRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds every object an S3 event names to the ingest service: the one path shared by the Lambda and
 * the local lake's watcher. A record whose {@code eventSource} is {@value #REDRIVE_SOURCE} instead
 * of {@code aws:s3} is an operator's redrive: its object is ingested again although it was
 * quarantined (never when it was committed), see {@link IngestService#reprocess}.
 */
@ApplicationScoped
public class S3EventProcessor {

  /** The {@code eventSource} of a record that asks to reprocess a quarantined object. */
  public static final String REDRIVE_SOURCE = "strata:redrive";

  private static final Logger LOG = LoggerFactory.getLogger(S3EventProcessor.class);

  private final S3EventIntake intake = new S3EventIntake();
  private final IngestService ingest;
  private final LargeFiles largeFiles;
  private final SplitSteps splitSteps;

  public S3EventProcessor(IngestService ingest) {
    this(ingest, raw -> Optional.empty(), null);
  }

  /**
   * @param largeFiles takes objects too large for one invocation (the large-file state machine)
   * @param splitSteps runs the steps of that state machine; null where none runs
   */
  @Inject
  public S3EventProcessor(IngestService ingest, LargeFiles largeFiles, SplitSteps splitSteps) {
    this.ingest = ingest;
    this.largeFiles = largeFiles;
    this.splitSteps = splitSteps;
  }

  /**
   * Ingests every object of the event, then fails if any of them failed. Storage and catalog
   * failures are logged here with their stack trace; a broken contract is not (it is an operator's
   * mistake that the message explains): the Lambda runtime logs the failed invocation in one line,
   * the local watcher once per object and contract change.
   *
   * @throws IngestFailedException naming each object that failed
   */
  public IngestSummary process(S3Event event) {
    List<S3EventNotificationRecord> records =
        event == null || event.getRecords() == null ? List.of() : event.getRecords();
    List<IngestResult> results = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    RuntimeException first = null;
    for (S3EventNotificationRecord record : records) {
      boolean redrive = REDRIVE_SOURCE.equals(record.getEventSource());
      Optional<String> step = SplitEvents.step(record);
      S3Intake intake = this.intake.read(new S3Event(List.of(record)));
      intake.skipped().forEach(s -> LOG.info("Skipped event record: {}", s));
      intake.skipped().forEach(s -> skipped.add(s.toString()));
      for (RawObjectRef raw : intake.objects()) {
        try {
          results.add(ingestOne(raw, redrive, step));
        } catch (ContractException e) {
          // Not logged here: the caller logs it once (see IngestFailedException#brokenContracts).
          failures.add(raw.uri() + " (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
          LOG.error("Cannot ingest {}: {}", raw.uri(), e.getMessage(), e);
          failures.add(raw.uri() + " (" + e.getMessage() + ")");
          first = first == null ? e : first;
        }
      }
    }
    if (!failures.isEmpty()) {
      throw first == null
          ? IngestFailedException.brokenContracts(failures)
          : new IngestFailedException(failures, first);
    }
    return new IngestSummary(results, skipped);
  }

  private IngestResult ingestOne(RawObjectRef raw, boolean redrive, Optional<String> step) {
    if (step.isPresent()) {
      if (splitSteps == null) {
        throw new IllegalStateException(
            "Cannot run large-file step "
                + step.get()
                + ": this function runs no large-file steps");
      }
      return splitSteps.run(step.get(), raw);
    }
    if (redrive) {
      return ingest.reprocess(raw);
    }
    return largeFiles.take(raw).orElseGet(() -> ingest.ingest(raw));
  }
}
