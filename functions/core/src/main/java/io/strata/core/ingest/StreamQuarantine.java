package io.strata.core.ingest;

import io.strata.core.contract.DatasetContract;
import io.strata.core.store.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the poison records of a micro-batch aside under {@code _quarantine/<dataset>/<batch-id>/}:
 * {@code source/records.jsonl} holds each record as delivered (sequence number, partition key,
 * arrival, payload in base64), {@code report.json} says what each broke. Records are never dropped
 * and never block the shard; the same batch always writes the same keys, and the report only once.
 */
final class StreamQuarantine {

  static final String RECORDS_FILE = "records.jsonl";

  private final ObjectStore store;
  private final LakeLayout layout;
  private final Clock clock;

  StreamQuarantine(ObjectStore store, LakeLayout layout, Clock clock) {
    this.store = store;
    this.layout = layout;
    this.clock = clock;
  }

  /** One record to set aside and why (its violations; empty for a batch-level reason). */
  record Poison(
      int position, StreamRecord record, List<io.strata.core.validate.Violation> errors) {}

  /**
   * Writes the records and the report.
   *
   * @param dataset null when the stream names no dataset
   * @param contract null when there is none
   * @return the report's key
   */
  String put(
      StreamBatch batch,
      String batchId,
      String dataset,
      DatasetContract contract,
      String reason,
      String summary,
      List<Poison> poison) {
    String bucket = layout.historyBucket();
    String recordsKey = layout.quarantinePrefix(dataset, batchId) + "source/" + RECORDS_FILE;
    store.put(bucket, recordsKey, records(poison), "application/x-ndjson");
    List<StreamQuarantineReport.PoisonRecord> entries = new ArrayList<>();
    for (Poison p : poison) {
      entries.add(
          new StreamQuarantineReport.PoisonRecord(
              p.record().sequenceNumber(),
              p.record().partitionKey(),
              p.position(),
              p.errors().stream().map(ViolationBounds::bounded).toList()));
    }
    StreamQuarantineReport report =
        new StreamQuarantineReport(
            dataset,
            batchId,
            batch.uri(),
            batch.stream(),
            batch.shard(),
            batch.firstSequence(),
            batch.lastSequence(),
            contract == null ? null : contract.version(),
            reason,
            summary,
            batch.records().size(),
            poison.size(),
            entries,
            "s3://" + bucket + "/" + recordsKey,
            clock.instant());
    String reportKey = layout.quarantineReportKey(dataset, batchId);
    store.putIfAbsent(bucket, reportKey, LakeJson.pretty(report), "application/json");
    return reportKey;
  }

  private static byte[] records(List<Poison> poison) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Base64.Encoder base64 = Base64.getEncoder();
    try {
      for (Poison p : poison) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sequenceNumber", p.record().sequenceNumber());
        line.put("partitionKey", p.record().partitionKey());
        line.put("arrivedAt", p.record().arrivedAt());
        line.put("data", base64.encodeToString(p.record().data()));
        out.write(LakeJson.line(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
