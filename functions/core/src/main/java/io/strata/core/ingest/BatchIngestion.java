package io.strata.core.ingest;

import io.strata.core.contract.DatasetContract;
import io.strata.core.history.BatchInfo;
import io.strata.core.history.HistoryTarget;
import io.strata.core.history.HistoryWriter;
import io.strata.core.history.WrittenFile;
import io.strata.core.parse.FileRejectedException;
import io.strata.core.parse.RecordStream;
import io.strata.core.parse.RecordStreams;
import io.strata.core.quality.QualityRecord;
import io.strata.core.store.ExactLengthInputStream;
import io.strata.core.store.IncompleteReadException;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.table.BatchCommitter;
import io.strata.core.table.BatchSnapshot;
import io.strata.core.table.SchemaChangeRefusedException;
import io.strata.core.validate.KeyTracker;
import io.strata.core.validate.PiiProtector;
import io.strata.core.validate.RowValidator;
import io.strata.core.validate.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * One pass over one raw file: make sure the dataset's Iceberg table serves the contract, parse,
 * validate, protect PII, write history files, then either commit them as one table snapshot and
 * write the batch manifest, or quarantine the file. Once the error policy can no longer be met the
 * history writes are dropped and the rest of the file is only validated, so the report still counts
 * it. A batch the table already holds (a crash after its commit, before its manifest) only gets its
 * manifest: the raw file is not read again.
 */
final class BatchIngestion {

  private final IngestParts parts;
  private final Quarantine quarantine;
  private final RawObjectRef raw;
  private final String batchId;
  private final DatasetContract contract;

  private final PiiProtector pii;
  private final RowValidator validator;
  private final KeyTracker keys;
  private final RejectionTally tally;
  private long rows;
  private long accepted;

  BatchIngestion(
      IngestParts parts,
      Quarantine quarantine,
      RawObjectRef raw,
      String batchId,
      DatasetContract contract) {
    this.parts = parts;
    this.quarantine = quarantine;
    this.raw = raw;
    this.batchId = batchId;
    this.contract = contract;
    this.pii = new PiiProtector(parts.settings().piiHashKey());
    this.validator = new RowValidator(contract, pii);
    this.keys = new KeyTracker(contract);
    this.tally = new RejectionTally(parts.settings().maxReportedErrors());
  }

  IngestResult run(Instant started) {
    // keys is closed last, on every path, and deletes any business keys spilled to disk.
    try (keys) {
      Table table;
      try {
        table = parts.tables().ensure(contract);
      } catch (SchemaChangeRefusedException e) {
        String summary = "Quarantined " + raw.uri() + ": " + e.getMessage();
        return quarantine.file(raw, batchId, contract, "schema_change", summary, 0, tally, started);
      }
      Optional<Snapshot> committed = BatchCommitter.commitOf(table, batchId);
      if (committed.isPresent()) {
        return completeManifest(table, committed.get(), started);
      }
      return write(table, started);
    }
  }

  private IngestResult write(Table table, Instant started) {
    LakeLayout layout = parts.settings().layout();
    String bucket = layout.historyBucket();
    BatchInfo batch = new BatchInfo(contract.name(), batchId, raw.arrivedAt(), raw.key());
    try (HistoryWriter history =
            new HistoryWriter(
                parts.store(),
                bucket,
                contract,
                batch,
                parts.settings().history(),
                HistoryTarget.of(table));
        RejectsFile rejects =
            new RejectsFile(parts.store(), bucket, layout.rejectsKey(contract.name(), batchId))) {
      try {
        return ingestInto(history, rejects, table, started);
      } catch (RuntimeException | Error e) {
        // Not the data's fault: keep completed files, a retry or a duplicate owns their keys.
        history.abandon();
        throw e;
      }
    }
  }

  private IngestResult ingestInto(
      HistoryWriter history, RejectsFile rejects, Table table, Instant started) {
    try {
      boolean withinPolicy = readAll(history, rejects);
      if (!withinPolicy || !contract.errorPolicy().accepts(rows, tally.rejectedRows())) {
        history.abort();
        return quarantine.file(
            raw, batchId, contract, "error_policy", policySummary(), rows, tally, started);
      }
    } catch (FileRejectedException e) {
      history.abort();
      String summary = "Quarantined " + raw.uri() + ": " + e.getMessage();
      return quarantine.file(raw, batchId, contract, e.reason(), summary, rows, tally, started);
    }
    QualityGate quality = QualityGate.judge(contract, table, batchId, history.profiler().profile());
    if (!quality.breaking().isEmpty()) {
      history.abort();
      return quarantine.quality(raw, batchId, contract, quality, rows, tally, started);
    }
    List<WrittenFile> files = history.finish();
    String rejectsKey = rejects.commit();
    BatchSnapshot batch =
        new BatchSnapshot(
            batchId,
            raw.uri(),
            raw.versionId(),
            raw.eTag(),
            raw.size(),
            contract.version(),
            raw.arrivedAt(),
            null,
            rows,
            accepted,
            tally.rejectedRows(),
            rejectsKey);
    Map<String, String> summary = quality.snapshotSummary(batch);
    // The snapshot makes the batch visible to every engine at once; a failure before it leaves
    // the files invisible, and the retry rewrites the same keys and commits them.
    Instant commitStarted = parts.clock().instant();
    BatchCommitter.Result commit =
        parts.committer().commit(table, batchId, history.dataFiles(), summary);
    IngestResult.CommitFigures figures =
        new IngestResult.CommitFigures(
            commit.retries(), Duration.between(commitStarted, parts.clock().instant()));
    follow(table, commit.snapshot());
    writeManifest(files, rejectsKey, commit.snapshot());
    return IngestResult.committed(
        raw,
        contract.name(),
        batchId,
        commit.outcome() == BatchCommitter.Outcome.APPENDED,
        accepted,
        tally.rejectedRows(),
        files.size(),
        Duration.between(started, parts.clock().instant()),
        figures,
        quality.verdicts());
  }

  /** Writes the manifest of a batch the table holds already, from its snapshot. */
  private IngestResult completeManifest(Table table, Snapshot snapshot, Instant started) {
    BatchSnapshot batch = BatchSnapshot.of(snapshot).orElseThrow();
    List<WrittenFile> files = BatchFiles.of(table, snapshot);
    rows = batch.rowsRead();
    accepted = batch.rowsAccepted();
    follow(table, snapshot);
    boolean completed = writeManifest(files, batch.rejectsFile(), snapshot, batch.rowsRejected());
    return new IngestResult(
        raw.uri(),
        contract.name(),
        batchId,
        completed ? IngestOutcome.COMMITTED : IngestOutcome.ALREADY_PROCESSED,
        accepted,
        batch.rowsRejected(),
        files.size(),
        null,
        Duration.between(started, parts.clock().instant()),
        null,
        null,
        QualityRecord.verdicts(snapshot.summary()));
  }

  /**
   * Reads every record; returns false once more rows were rejected than the policy allows.
   *
   * @throws FileRejectedException when the file breaks its contract as a whole
   * @throws io.strata.core.store.IncompleteReadException when the bytes read were not the whole
   *     object the event named (a cut connection, an object changed under the reader): not the
   *     data's fault, so the batch fails instead of committing or quarantining a part
   */
  private boolean readAll(HistoryWriter history, RejectsFile rejects) {
    long maxRejected = contract.errorPolicy().maxRejectedRows();
    ValidatedBlock block = new ValidatedBlock(contract.columns().size());
    boolean writing = true;
    ExactLengthInputStream source = openRaw();
    try (RecordStream records =
        RecordStreams.open(source, contract, parts.settings().parseLimits())) {
      while (block.fill(records, validator, keys, this::duplicateKey)) {
        for (int i = 0; i < block.size(); i++) {
          rows++;
          List<Violation> violations = block.violations(i);
          if (violations.isEmpty()) {
            accepted++;
            if (writing) {
              Object[] values = block.values(i);
              pii.apply(contract, values);
              history.write(values, block.record(i).line());
            }
          } else {
            tally.reject(violations);
            if (writing) {
              rejects.write(violations);
            }
            if (writing && tally.rejectedRows() > maxRejected) {
              writing = false;
              history.abort();
            }
          }
        }
        block.rethrowFailure();
      }
      // A parser may stop before the last byte (gzip trailer, trailing garbage): count it too.
      source.readToEnd();
    } catch (FileRejectedException e) {
      // A parser that saw a broken read may have described it as broken data: the read wins.
      Optional<IncompleteReadException> brokenRead = source.failure();
      if (brokenRead.isPresent()) {
        brokenRead.get().addSuppressed(e);
        throw brokenRead.get();
      }
      throw e;
    } catch (IOException e) {
      throw new ObjectStoreException("Cannot read " + raw.uri() + ": " + e.getMessage(), e);
    }
    return writing;
  }

  /**
   * The raw object as the event named it: its version, and exactly the size the event announced
   * (the store checks the version's own size as well).
   */
  private ExactLengthInputStream openRaw() {
    InputStream in = parts.store().open(raw.bucket(), raw.key(), raw.versionId(), raw.eTag());
    return new ExactLengthInputStream(in, raw.bucket(), raw.key(), raw.size(), null);
  }

  private Violation duplicateKey(long line, Object[] values) {
    return DuplicateKeyViolation.of(contract, pii, line, values, "file");
  }

  private void writeManifest(List<WrittenFile> files, String rejectsKey, Snapshot snapshot) {
    writeManifest(files, rejectsKey, snapshot, tally.rejectedRows());
  }

  /**
   * @return false when a concurrent duplicate wrote the same deterministic batch first
   */
  private boolean writeManifest(
      List<WrittenFile> files, String rejectsKey, Snapshot snapshot, long rejected) {
    return BatchLog.write(
        parts.store(),
        parts.settings().layout(),
        new BatchLog.Entry(contract, raw, batchId, rows, accepted, rejected, rejectsKey),
        files,
        snapshot);
  }

  /** Runs the commit followers; the manifest waits for them, so a retry runs them again. */
  private void follow(Table table, Snapshot committed) {
    for (CommitFollower follower : parts.followers()) {
      follower.follow(contract, table, committed);
    }
  }

  private String policySummary() {
    return PolicySummary.of(raw, rows, tally, contract.errorPolicy());
  }
}
