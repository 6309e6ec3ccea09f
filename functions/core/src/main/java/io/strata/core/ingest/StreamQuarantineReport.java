package io.strata.core.ingest;

import java.time.Instant;
import java.util.List;

/**
 * {@code report.json} beside the poison records of a micro-batch: which records broke the contract
 * and how, in a form a person can act on. The records themselves are kept as delivered in {@code
 * quarantinedRecords} (one JSON line each, payload in base64), so none is lost.
 *
 * @param reason {@code poison_records}, {@code unknown_dataset} or {@code schema_change}
 * @param records one entry per quarantined record, PII protected
 */
public record StreamQuarantineReport(
    String dataset,
    String batchId,
    String source,
    String stream,
    String shard,
    String firstSequenceNumber,
    String lastSequenceNumber,
    Integer contractVersion,
    String reason,
    String summary,
    long recordsRead,
    long recordsQuarantined,
    List<PoisonRecord> records,
    String quarantinedRecords,
    Instant quarantinedAt) {

  /**
   * One quarantined record.
   *
   * @param position 1-based position in the delivered batch (the violations' {@code line})
   * @param errors what it broke; empty when the whole batch was quarantined for a batch-level
   *     reason
   */
  public record PoisonRecord(
      String sequenceNumber,
      String partitionKey,
      long position,
      List<io.strata.core.validate.Violation> errors) {}
}
