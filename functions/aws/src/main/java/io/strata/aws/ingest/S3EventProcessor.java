package io.strata.aws.ingest;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.strata.aws.s3.S3EventIntake;
import io.strata.aws.s3.S3Intake;
import io.strata.core.contract.ContractException;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.RawObjectRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds every object an S3 event names to the ingest service: the one path shared by the Lambda and
 * the local lake's watcher.
 */
@ApplicationScoped
public class S3EventProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(S3EventProcessor.class);

  private final S3EventIntake intake = new S3EventIntake();
  private final IngestService ingest;

  @Inject
  public S3EventProcessor(IngestService ingest) {
    this.ingest = ingest;
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
    S3Intake intake = this.intake.read(event);
    intake.skipped().forEach(s -> LOG.info("Skipped event record: {}", s));
    List<IngestResult> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    RuntimeException first = null;
    for (RawObjectRef raw : intake.objects()) {
      try {
        results.add(ingest.ingest(raw));
      } catch (ContractException e) {
        // Not logged here: the caller logs it once (see IngestFailedException#brokenContracts).
        failures.add(raw.uri() + " (" + e.getMessage() + ")");
      } catch (RuntimeException e) {
        LOG.error("Cannot ingest {}: {}", raw.uri(), e.getMessage(), e);
        failures.add(raw.uri() + " (" + e.getMessage() + ")");
        first = first == null ? e : first;
      }
    }
    if (!failures.isEmpty()) {
      throw first == null
          ? IngestFailedException.brokenContracts(failures)
          : new IngestFailedException(failures, first);
    }
    return new IngestSummary(results, intake.skipped().stream().map(Object::toString).toList());
  }
}
