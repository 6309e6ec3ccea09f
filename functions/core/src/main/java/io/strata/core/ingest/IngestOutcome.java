package io.strata.core.ingest;

/** What became of one raw object. */
public enum IngestOutcome {
  /** Valid rows are in history and the batch manifest is written. */
  COMMITTED,
  /** The file broke its contract; a copy and a report are in quarantine. */
  QUARANTINED,
  /** The batch was already committed or quarantined earlier (a duplicate or retried event). */
  ALREADY_PROCESSED,
  /** Not a data file (folder marker, key starting with '_'); nothing was done. */
  IGNORED,
  /**
   * Larger than one invocation can ingest: handed to the large-file state machine, which ingests it
   * in byte ranges and commits or quarantines it (see {@link SplitIngestion}).
   */
  FANNED_OUT
}
