package io.strata.core.ingest;

/** How a micro-batch ended. */
public enum StreamOutcome {
  /** Its valid records were appended as one snapshot (poison records, if any, quarantined). */
  COMMITTED,
  /** Every record was committed before: a redelivery. */
  ALREADY_PROCESSED,
  /** No contract or no table could take the records: all of them went to quarantine. */
  QUARANTINED
}
