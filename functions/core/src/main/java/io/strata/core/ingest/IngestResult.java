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
 * @param reasonCode for quarantined files the reason as a code ({@code error_policy}, {@code
 *     unknown_dataset}, ...), for metrics; otherwise null
 * @param commit how this call's table commit went; null when it made none
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
    String reasonCode,
    CommitFigures commit,
    List<QualityVerdict> verdicts) {

  /** A result without a reason code, commit or quality verdicts (ignored keys, duplicates). */
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
        null,
        List.of());
  }

  public IngestResult {
    verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
  }

  /**
   * How one table commit went.
   *
   * @param retries tries lost to other writers before the commit succeeded
   * @param took from the first try to the confirmed snapshot
   */
  public record CommitFigures(int retries, Duration took) {}

  /**
   * The result of a batch this call committed, or found committed by an earlier try ({@code
   * appended} false: {@link IngestOutcome#ALREADY_PROCESSED}).
   */
  static IngestResult committed(
      RawObjectRef raw,
      String dataset,
      String batchId,
      boolean appended,
      long rowsAccepted,
      long rowsRejected,
      int filesWritten,
      Duration duration,
      CommitFigures commit,
      List<QualityVerdict> verdicts) {
    return new IngestResult(
        raw.uri(),
        dataset,
        batchId,
        appended ? IngestOutcome.COMMITTED : IngestOutcome.ALREADY_PROCESSED,
        rowsAccepted,
        rowsRejected,
        filesWritten,
        null,
        duration,
        null,
        commit,
        verdicts);
  }
}
