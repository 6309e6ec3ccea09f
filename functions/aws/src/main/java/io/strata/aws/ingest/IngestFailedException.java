package io.strata.aws.ingest;

import java.util.List;

/**
 * One or more objects of an event could not be ingested (storage or configuration failure, never
 * bad data: bad data is quarantined). Thrown after every other object was processed, so that the
 * Lambda runtime retries the event; committed objects are then recognised and skipped.
 */
public class IngestFailedException extends RuntimeException {

  public IngestFailedException(List<String> failures, Throwable first) {
    super(
        "Cannot ingest "
            + failures.size()
            + (failures.size() == 1 ? " object: " : " objects: ")
            + String.join("; ", failures),
        first);
  }
}
