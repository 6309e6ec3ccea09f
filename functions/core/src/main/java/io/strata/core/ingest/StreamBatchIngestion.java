package io.strata.core.ingest;

import io.strata.core.contract.DatasetContract;
import io.strata.core.history.BatchInfo;
import io.strata.core.history.HistoryTarget;
import io.strata.core.history.HistoryWriter;
import io.strata.core.history.WrittenFile;
import io.strata.core.parse.RecordStream;
import io.strata.core.quality.BatchProfile;
import io.strata.core.table.BatchCommitter;
import io.strata.core.table.BatchSnapshot;
import io.strata.core.table.SchemaChangeRefusedException;
import io.strata.core.validate.KeyTracker;
import io.strata.core.validate.PiiProtector;
import io.strata.core.validate.RowValidator;
import io.strata.core.validate.Violation;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * One pass over one micro-batch of one dataset: the records a snapshot of the same shard holds
 * already are skipped, every other record is validated by the dataset's contract (the same
 * validator, PII protection and business-key check as a file), valid rows are written as history
 * files and committed as one snapshot whose summary names the batch and the shard's last sequence
 * number, and poison records go to quarantine. Records are judged one by one: a file's error policy
 * (quarantine the whole file past a share of bad rows) does not apply, since a stream has no whole
 * to quarantine and the good records must not wait for the bad ones.
 */
final class StreamBatchIngestion {

  /** Snapshot summary key: the {@code <stream>/<shard>} a stream batch came from. */
  static final String SHARD = "strata.stream.shard";

  /** Snapshot summary key: the last sequence number of the shard the snapshot holds. */
  static final String LAST_SEQUENCE = "strata.stream.last-sequence";

  private final IngestParts parts;
  private final StreamQuarantine quarantine;
  private final StreamBatch batch;
  private final String batchId;
  private final DatasetContract contract;
  private final PiiProtector pii;

  StreamBatchIngestion(
      IngestParts parts,
      StreamQuarantine quarantine,
      StreamBatch batch,
      String batchId,
      DatasetContract contract) {
    this.parts = parts;
    this.quarantine = quarantine;
    this.batch = batch;
    this.batchId = batchId;
    this.contract = contract;
    this.pii = new PiiProtector(parts.settings().piiHashKey());
  }

  StreamResult run(Instant started) {
    Table table;
    try {
      table = parts.tables().ensure(contract);
    } catch (SchemaChangeRefusedException e) {
      String summary = "Quarantined " + batch.uri() + ": " + e.getMessage();
      List<StreamQuarantine.Poison> all = new ArrayList<>();
      for (int i = 0; i < batch.records().size(); i++) {
        all.add(new StreamQuarantine.Poison(i + 1, batch.records().get(i), List.of()));
      }
      quarantine.put(batch, batchId, contract.name(), contract, "schema_change", summary, all);
      return result(StreamOutcome.QUARANTINED, 0, all.size(), 0, 0, started);
    }
    Optional<Snapshot> committed = BatchCommitter.commitOf(table, batchId);
    if (committed.isPresent()) {
      return completeManifest(table, committed.get(), started);
    }
    int fresh = firstUncommitted(table);
    if (fresh == batch.records().size()) {
      return result(StreamOutcome.ALREADY_PROCESSED, 0, 0, fresh, 0, started);
    }
    return write(table, fresh, started);
  }

  /**
   * The index of the first record that no snapshot of this shard holds: a redelivery cut
   * differently from the batch that committed it (bisected, or with more records batched) has
   * another batch id, so the shard's committed sequence number is what stops it.
   */
  private int firstUncommitted(Table table) {
    BigInteger committed = null;
    for (Snapshot snapshot : table.snapshots()) {
      Map<String, String> summary = snapshot.summary();
      String last = summary.get(LAST_SEQUENCE);
      if (batch.shardKey().equals(summary.get(SHARD)) && last != null) {
        BigInteger sequence = new BigInteger(last);
        committed = committed == null ? sequence : committed.max(sequence);
      }
    }
    int index = 0;
    while (committed != null
        && index < batch.records().size()
        && batch.records().get(index).sequence().compareTo(committed) <= 0) {
      index++;
    }
    return index;
  }

  private StreamResult write(Table table, int fresh, Instant started) {
    String bucket = parts.settings().layout().historyBucket();
    BatchInfo info =
        new BatchInfo(contract.name(), batchId, batch.arrivedAt(), "kinesis:" + batch.shardKey());
    List<StreamQuarantine.Poison> poison = new ArrayList<>();
    long accepted = 0;
    try (KeyTracker keys = new KeyTracker(contract);
        HistoryWriter history =
            new HistoryWriter(
                parts.store(),
                bucket,
                contract,
                info,
                parts.settings().history(),
                HistoryTarget.of(table))) {
      try {
        RowValidator validator = new RowValidator(contract, pii);
        ValidatedBlock block = new ValidatedBlock(contract.columns().size());
        List<StreamRecord> records = batch.records().subList(fresh, batch.records().size());
        try (RecordStream stream =
            new StreamRecordStream(
                records, fresh + 1, contract, parts.settings().parseLimits().maxLineBytes())) {
          while (block.fill(stream, validator, keys, this::duplicateKey)) {
            for (int i = 0; i < block.size(); i++) {
              List<Violation> violations = block.violations(i);
              int position = (int) block.record(i).line();
              if (violations.isEmpty()) {
                accepted++;
                Object[] values = block.values(i);
                pii.apply(contract, values);
                history.write(values, position);
              } else {
                poison.add(
                    new StreamQuarantine.Poison(
                        position, batch.records().get(position - 1), violations));
              }
            }
            block.rethrowFailure();
          }
        }
        List<WrittenFile> files = history.finish();
        String reportKey = poison.isEmpty() ? null : quarantinePoison(poison, records.size());
        return commit(table, history, files, fresh, accepted, poison.size(), reportKey, started);
      } catch (RuntimeException | Error e) {
        // Not the data's fault: a retry of the same batch owns the same keys.
        history.abandon();
        throw e;
      } catch (java.io.IOException e) {
        history.abandon();
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private String quarantinePoison(List<StreamQuarantine.Poison> poison, int read) {
    String summary =
        "Quarantined "
            + poison.size()
            + " of "
            + read
            + " records of "
            + batch.uri()
            + " that broke the contract of "
            + contract.name()
            + "; the others were committed";
    return quarantine.put(
        batch, batchId, contract.name(), contract, "poison_records", summary, poison);
  }

  private StreamResult commit(
      Table table,
      HistoryWriter history,
      List<WrittenFile> files,
      int skipped,
      long accepted,
      long rejected,
      String reportKey,
      Instant started) {
    long read = batch.records().size() - skipped;
    BatchSnapshot snapshot =
        new BatchSnapshot(
            batchId,
            batch.uri(),
            null,
            null,
            batch.bytes(),
            contract.version(),
            batch.arrivedAt(),
            null,
            read,
            accepted,
            rejected,
            reportKey);
    Map<String, String> summary = new java.util.LinkedHashMap<>(snapshot.summary());
    summary.put(SHARD, batch.shardKey());
    summary.put(LAST_SEQUENCE, batch.lastSequence());
    // Profiled like a file's batch, so the quality route shows stream batches too; the contract's
    // quality rules are not judged on micro-batches, whose sizes follow the stream's pace.
    summary.put(BatchProfile.SUMMARY_KEY, history.profiler().profile().toJson());
    BatchCommitter.Result commit =
        parts.committer().commit(table, batchId, history.dataFiles(), summary);
    follow(table, commit.snapshot());
    writeManifest(files, commit.snapshot(), read, accepted, rejected, reportKey);
    StreamOutcome outcome =
        commit.outcome() == BatchCommitter.Outcome.APPENDED
            ? StreamOutcome.COMMITTED
            : StreamOutcome.ALREADY_PROCESSED;
    return result(outcome, accepted, rejected, skipped, files.size(), started);
  }

  /** Writes the manifest of a batch the table holds already, from its snapshot. */
  private StreamResult completeManifest(Table table, Snapshot snapshot, Instant started) {
    BatchSnapshot committed = BatchSnapshot.of(snapshot).orElseThrow();
    List<WrittenFile> files = BatchFiles.of(table, snapshot);
    follow(table, snapshot);
    writeManifest(
        files,
        snapshot,
        committed.rowsRead(),
        committed.rowsAccepted(),
        committed.rowsRejected(),
        committed.rejectsFile());
    return result(StreamOutcome.ALREADY_PROCESSED, 0, 0, batch.records().size(), 0, started);
  }

  private void writeManifest(
      List<WrittenFile> files,
      Snapshot snapshot,
      long read,
      long accepted,
      long rejected,
      String reportKey) {
    List<String> partitions =
        files.stream().map(WrittenFile::partition).distinct().sorted().toList();
    BatchManifest manifest =
        new BatchManifest(
            contract.name(),
            batchId,
            batch.uri(),
            null,
            null,
            batch.bytes(),
            contract.version(),
            batch.arrivedAt(),
            Instant.ofEpochMilli(snapshot.timestampMillis()),
            snapshot.snapshotId(),
            read,
            accepted,
            rejected,
            partitions,
            files,
            reportKey);
    LakeLayout layout = parts.settings().layout();
    parts
        .store()
        .putIfAbsent(
            layout.historyBucket(),
            layout.manifestKey(contract.name(), batchId),
            LakeJson.line(manifest),
            "application/json");
  }

  private void follow(Table table, Snapshot committed) {
    for (CommitFollower follower : parts.followers()) {
      follower.follow(contract, table, committed);
    }
  }

  private Violation duplicateKey(long line, Object[] values) {
    return DuplicateKeyViolation.of(contract, pii, line, values, "batch");
  }

  private StreamResult result(
      StreamOutcome outcome,
      long accepted,
      long quarantined,
      long skipped,
      int files,
      Instant started) {
    return new StreamResult(
        batch.uri(),
        contract.name(),
        batchId,
        outcome,
        accepted,
        quarantined,
        skipped,
        files,
        Duration.between(started, parts.clock().instant()));
  }
}
