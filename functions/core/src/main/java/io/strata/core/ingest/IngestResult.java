package io.strata.core.ingest;

import java.time.Duration;

/**
 * The result of ingesting one raw object, as logged and returned by the functions.
 *
 * @param dataset null when the key names no dataset
 * @param batchId null for {@link IngestOutcome#IGNORED}
 * @param reason for quarantined files the one-line human summary, for ignored keys why; otherwise
 *     null
 * @param reasonCode for quarantined files the reason as a code ({@code error_policy}, {@code
 *     unknown_dataset}, ...), for metrics; otherwise null
 * @param commit how this call's table commit went; null when it made none
 */
public record IngestResult(
    String sourceUri,
    String dataset,
    String batchId,
    IngestOutcome outcome,
    long rowsAccepted,
    long rowsRejected,
    int filesWritten,
    String reason,
    Duration duration,
    String reasonCode,
    CommitFigures commit) {

  /** A result without a reason code or commit (ignored keys, duplicates). */
  public IngestResult(
      String sourceUri,
      String dataset,
      String batchId,
      IngestOutcome outcome,
      long rowsAccepted,
      long rowsRejected,
      int filesWritten,
      String reason,
      Duration duration) {
    this(
        sourceUri,
        dataset,
        batchId,
        outcome,
        rowsAccepted,
        rowsRejected,
        filesWritten,
        reason,
        duration,
        null,
        null);
  }

  /**
   * How one table commit went.
   *
   * @param retries tries lost to other writers before the commit succeeded
   * @param took from the first try to the confirmed snapshot
   */
  public record CommitFigures(int retries, Duration took) {}
}
