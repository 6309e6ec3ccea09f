package io.strata.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.HistoryPolicy;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.table.BatchCommitter;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistorySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots expire only under a retention, and time travel inside it stays exact. */
class SnapshotExpiryTest {

  @TempDir Path root;
  private SmallBatchLake lake;

  @BeforeEach
  void setUp() {
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    lake = new SmallBatchLake(root, store, store);
  }

  @Test
  void neverExpiresASnapshotWithoutARetention() {
    // given: three batches, seen from a century later
    lake.ingestBatches(1, 3, 50);
    Table table = lake.table();

    // when
    ExpiryResult result =
        expiryAt(Instant.now().plus(Duration.ofDays(36_500))).expire(table, HistoryPolicy.FOREVER);

    // then
    assertThat(result.cutoff()).isNull();
    assertThat(result.expired()).isZero();
    table.refresh();
    assertThat(snapshots(table)).hasSize(3);
  }

  @Test
  void aSnapshotInsideTheRetentionStillTimeTravelsExactlyAfterExpiry() throws Exception {
    // given: three batches; the retention starts between the second and the third
    lake.ingestBatches(1, 3, 50);
    Table table = lake.table();
    List<Snapshot> before = snapshots(table);
    Instant insideRetention = Instant.ofEpochMilli(before.get(1).timestampMillis() + 1);
    List<String> answerThen = answerAsOf(table, insideRetention);
    List<String> answerNow = lake.rows(table, table.currentSnapshot());

    // when: retention PT1H, seen an hour after that instant
    ExpiryResult result =
        expiryAt(insideRetention.plus(Duration.ofHours(1)))
            .expire(table, new HistoryPolicy("PT1H"));

    // then: only the first snapshot went; the second answers the instant exactly as before
    assertThat(result.expired()).isEqualTo(1);
    table.refresh();
    assertThat(snapshots(table))
        .extracting(Snapshot::snapshotId)
        .containsExactly(before.get(1).snapshotId(), before.get(2).snapshotId());
    assertThat(answerAsOf(table, insideRetention)).hasSize(100).isEqualTo(answerThen);
    assertThat(lake.rows(table, table.currentSnapshot())).isEqualTo(answerNow);
  }

  @Test
  void deletesTheFilesOfExpiredSnapshotsThatNoKeptSnapshotReads() throws Exception {
    // given: small files compacted, then a retention that starts after the compaction
    lake.ingestBatches(1, 4, 50);
    Table table = lake.table();
    List<String> smallFiles = new HistorySnapshot(table, table.currentSnapshot(), null).dataFiles();
    new TableCompactor(new CompactionSettings(1L << 20, 2), CommitRetry.DEFAULT).compact(table);
    table.refresh();
    List<String> answer = lake.rows(table, table.currentSnapshot());
    Instant afterCompaction = Instant.ofEpochMilli(table.currentSnapshot().timestampMillis() + 1);

    // when
    ExpiryResult result =
        expiryAt(afterCompaction.plus(Duration.ofDays(1))).expire(table, new HistoryPolicy("P1D"));

    // then: four batch snapshots gone with their small files; the compacted answer is intact
    assertThat(result.expired()).isEqualTo(4);
    assertThat(result.kept()).isEqualTo(1);
    assertThat(smallFiles).hasSize(8).noneMatch(f -> Files.exists(lake.local(f)));
    table.refresh();
    assertThat(lake.rows(table, table.currentSnapshot())).hasSize(200).isEqualTo(answer);
  }

  @Test
  void keepsTheCurrentSnapshotHoweverOldItIs() {
    // given
    lake.ingestBatches(1, 2, 20);
    Table table = lake.table();
    long current = table.currentSnapshot().snapshotId();

    // when
    ExpiryResult result =
        expiryAt(Instant.now().plus(Duration.ofDays(30))).expire(table, new HistoryPolicy("P1D"));

    // then
    assertThat(result.expired()).isEqualTo(1);
    table.refresh();
    assertThat(snapshots(table)).extracting(Snapshot::snapshotId).containsExactly(current);
  }

  @Test
  void aLateDuplicateOfAnExpiredBatchIsStillANoOp() {
    // given: batch 1's snapshot expired, so no snapshot summary names it any more
    RawObjectRef first = lake.drop(1, 30);
    String batchId = lake.ingest(first).batchId();
    lake.ingestBatches(2, 1, 30);
    Table table = lake.table();
    expiryAt(Instant.now().plus(Duration.ofDays(2))).expire(table, new HistoryPolicy("P1D"));
    table.refresh();
    assertThat(BatchCommitter.commitOf(table, batchId)).isEmpty();
    long current = table.currentSnapshot().snapshotId();

    // when: the same raw object arrives again
    var again = lake.ingest(first);

    // then: the batch manifest still says it was processed; nothing is appended
    assertThat(again.outcome()).isEqualTo(IngestOutcome.ALREADY_PROCESSED);
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(current);
    assertThat(snapshots(table)).hasSize(1);
  }

  private SnapshotExpiry expiryAt(Instant now) {
    return new SnapshotExpiry(Clock.fixed(now, ZoneOffset.UTC), CommitRetry.DEFAULT);
  }

  private List<String> answerAsOf(Table table, Instant asOf) throws Exception {
    HistorySnapshot pinned = HistorySnapshot.of(table, asOf).orElseThrow();
    return lake.rows(table, pinned.snapshot());
  }

  private static List<Snapshot> snapshots(Table table) {
    List<Snapshot> list = new ArrayList<>();
    table.snapshots().forEach(list::add);
    return list;
  }
}
