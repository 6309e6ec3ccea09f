package io.strata.aws.ingest;

import java.util.List;

/**
 * One or more objects of an event could not be ingested (storage or configuration failure, never
 * bad data: bad data is quarantined). Thrown after every other object was processed, so that the
 * Lambda runtime retries the event; committed objects are then recognised and skipped.
 */
public class IngestFailedException extends RuntimeException {

  private final boolean brokenContracts;

  public IngestFailedException(List<String> failures, Throwable first) {
    super(message(failures), first);
    this.brokenContracts = false;
  }

  private IngestFailedException(List<String> failures) {
    super(message(failures), null, false, false);
    this.brokenContracts = true;
  }

  /**
   * Every object failed on a broken contract: an operator's mistake that the message names (file
   * and field), with no cause and no stack trace, so the runtime's log of the failed invocation is
   * one line.
   */
  public static IngestFailedException brokenContracts(List<String> failures) {
    return new IngestFailedException(failures);
  }

  /** Whether every object failed on a broken contract, and nothing else. */
  public boolean brokenContracts() {
    return brokenContracts;
  }

  private static String message(List<String> failures) {
    return "Cannot ingest "
        + failures.size()
        + (failures.size() == 1 ? " object: " : " objects: ")
        + String.join("; ", failures);
  }
}
