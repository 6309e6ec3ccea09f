package io.strata.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.core.contract.DatasetContract;
import io.strata.core.history.WrittenFile;
import io.strata.core.ingest.split.RangeResult;
import io.strata.core.ingest.split.SplitPlan;
import io.strata.core.quality.BatchProfiler;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.store.ObjectWriter;
import io.strata.core.table.BatchCommitter;
import io.strata.core.table.BatchSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.ContentFileParser;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Ends an object ingested in byte ranges as the whole-file path ends a file: the ranges' results
 * merged in file order decide. The first file-level rejection (by position) quarantines the file
 * with the counts up to it; an empty file is quarantined as empty; the error policy counts the rows
 * of all ranges; the ranges' profiles merge into the batch's, which the contract's quality rules
 * judge as a whole file's; otherwise the rejects parts become the batch's one rejects file, every
 * range's Parquet files are committed as one snapshot (exactly once per batch id, {@link
 * BatchCommitter}), the commit followers run and the manifest is written. Only then are the working
 * files deleted, so every step before can be retried.
 */
final class SplitCommit {

  private final ObjectStore store;
  private final IngestSettings settings;
  private final Quarantine quarantine;
  private final BatchCommitter committer;
  private final List<CommitFollower> followers;
  private final Clock clock;

  SplitCommit(
      ObjectStore store,
      IngestSettings settings,
      Quarantine quarantine,
      BatchCommitter committer,
      List<CommitFollower> followers,
      Clock clock) {
    this.store = store;
    this.settings = settings;
    this.quarantine = quarantine;
    this.committer = committer;
    this.followers = followers;
    this.clock = clock;
  }

  /**
   * @return empty when a range ended inside a quoted field: the plan's boundaries are not record
   *     boundaries of this file, which must be ingested by one worker (the working files and range
   *     files are deleted first)
   */
  Optional<IngestResult> commit(
      RawObjectRef raw,
      DatasetContract contract,
      Table table,
      SplitPlan plan,
      SplitWork work,
      List<RangeResult> results,
      Instant started) {
    String batchId = plan.batchId();
    if (results.stream().anyMatch(RangeResult::unclosedQuote)) {
      discard(results, work);
      return Optional.empty();
    }
    RejectionTally tally = new RejectionTally(settings.maxReportedErrors());
    long rows = 0;
    long accepted = 0;
    boolean withinPolicy = true;
    for (RangeResult result : results) {
      tally.absorb(result.rejectedRows(), result.violations(), result.kept(), result.byRule());
      rows += result.rows();
      accepted += result.accepted();
      withinPolicy &= result.withinPolicy();
      if (result.rejection() != null) {
        String summary = "Quarantined " + raw.uri() + ": " + result.rejectionMessage();
        return quarantined(
            results,
            work,
            quarantine.file(
                raw, batchId, contract, result.rejection(), summary, rows, tally, started));
      }
    }
    if (rows == 0 && results.get(0).empty() != null) {
      RangeResult first = results.get(0);
      String summary = "Quarantined " + raw.uri() + ": " + first.emptyMessage();
      return quarantined(
          results,
          work,
          quarantine.file(raw, batchId, contract, first.empty(), summary, 0, tally, started));
    }
    if (!withinPolicy || !contract.errorPolicy().accepts(rows, tally.rejectedRows())) {
      String summary = PolicySummary.of(raw, rows, tally, contract.errorPolicy());
      return quarantined(
          results,
          work,
          quarantine.file(raw, batchId, contract, "error_policy", summary, rows, tally, started));
    }
    BatchProfiler profiler = new BatchProfiler(contract);
    for (RangeResult result : results) {
      if (result.profileKey() != null) {
        profiler.merge(work.profile(contract, result));
      }
    }
    QualityGate quality = QualityGate.judge(contract, table, batchId, profiler.profile());
    if (!quality.breaking().isEmpty()) {
      return quarantined(
          results, work, quarantine.quality(raw, batchId, contract, quality, rows, tally, started));
    }
    String rejectsKey =
        joinRejects(results, settings.layout().rejectsKey(contract.name(), batchId));
    List<WrittenFile> files = new ArrayList<>();
    List<DataFile> dataFiles = new ArrayList<>();
    for (RangeResult result : results) {
      files.addAll(result.files());
      for (String json : result.dataFiles()) {
        dataFiles.add(parse(json, table));
      }
    }
    files.sort(Comparator.comparing(WrittenFile::key));
    dataFiles.sort(Comparator.comparing(DataFile::location));
    BatchSnapshot batch =
        new BatchSnapshot(
            batchId,
            raw.uri(),
            raw.versionId(),
            raw.eTag(),
            plan.objectSize(),
            contract.version(),
            raw.arrivedAt(),
            null,
            rows,
            accepted,
            tally.rejectedRows(),
            rejectsKey);
    Instant commitStarted = clock.instant();
    BatchCommitter.Result commit =
        committer.commit(table, batchId, dataFiles, quality.snapshotSummary(batch));
    IngestResult.CommitFigures figures =
        new IngestResult.CommitFigures(
            commit.retries(), Duration.between(commitStarted, clock.instant()));
    for (CommitFollower follower : followers) {
      follower.follow(contract, table, commit.snapshot());
    }
    Snapshot snapshot = commit.snapshot();
    BatchLog.write(
        store,
        settings.layout(),
        new BatchLog.Entry(
            contract, raw, batchId, rows, accepted, tally.rejectedRows(), rejectsKey),
        files,
        snapshot);
    work.clear();
    return Optional.of(
        IngestResult.committed(
            raw,
            contract.name(),
            batchId,
            commit.outcome() == BatchCommitter.Outcome.APPENDED,
            accepted,
            tally.rejectedRows(),
            files.size(),
            Duration.between(started, clock.instant()),
            figures,
            quality.verdicts()));
  }

  /** The ranges' rejects parts in file order, as one file: the whole-file path's very bytes. */
  private String joinRejects(List<RangeResult> results, String key) {
    List<String> parts =
        results.stream().map(RangeResult::rejectsKey).filter(k -> k != null).toList();
    if (parts.isEmpty()) {
      return null;
    }
    String bucket = settings.layout().historyBucket();
    ObjectWriter out = store.create(bucket, key, "application/x-ndjson");
    try {
      for (String part : parts) {
        try (InputStream in = store.open(bucket, part)) {
          in.transferTo(out);
        }
      }
      out.close();
    } catch (IOException | RuntimeException e) {
      out.abort();
      if (e instanceof ObjectStoreException stored) {
        throw stored;
      }
      throw new ObjectStoreException(
          ObjectStoreException.message("write", bucket, key, e.getMessage()), e);
    }
    return key;
  }

  /**
   * The report is written first: it marks the batch as processed, so a failure while discarding
   * leaves only invisible files, never a batch that a retry would read again.
   */
  private Optional<IngestResult> quarantined(
      List<RangeResult> results, SplitWork work, IngestResult result) {
    discard(results, work);
    return Optional.of(result);
  }

  /** Deletes what the ranges wrote: never committed, so no engine saw it. */
  private void discard(List<RangeResult> results, SplitWork work) {
    String bucket = settings.layout().historyBucket();
    for (RangeResult result : results) {
      for (WrittenFile file : result.files()) {
        store.delete(bucket, file.key());
      }
    }
    work.clear();
  }

  private static DataFile parse(String json, Table table) {
    try {
      JsonNode node = LakeJson.mapper().readTree(json);
      return (DataFile) ContentFileParser.fromJson(node, table.specs());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read a range's data file: " + e.getMessage(), e);
    }
  }
}
