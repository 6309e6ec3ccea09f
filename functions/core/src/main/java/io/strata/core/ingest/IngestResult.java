package io.strata.core.ingest;

import io.strata.core.quality.QualityVerdict;
import java.time.Duration;
import java.util.List;

/**
 * The result of ingesting one raw object, as logged and returned by the functions.
 *
 * @param dataset null when the key names no dataset
 * @param batchId null for {@link IngestOutcome#IGNORED}
 * @param reason for quarantined files the one-line human summary, for ignored keys why; otherwise
 *     null
 * @param verdicts the batch's quality verdicts (one per rule of the contract), empty without rules
 *     or when the batch was not judged
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
    List<QualityVerdict> verdicts) {

  /** A result without quality verdicts. */
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
        List.of());
  }

  public IngestResult {
    verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
  }
}
