package io.strata.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.ingest.ForwardingObjectStore;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.testing.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileMetadata;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction packs small files without changing what any snapshot reads. */
class CompactionTest {

  private static final CompactionSettings ONE_MIB = new CompactionSettings(1L << 20, 2);

  @TempDir Path root;

  private final TableCompactor compactor = new TableCompactor(ONE_MIB, CommitRetry.DEFAULT);

  @Test
  void keepsEverySnapshotsAnswerIdenticalLineageIncludedWithFewerFiles() throws Exception {
    // given: 12 batches, each writing one small file per day
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    SmallBatchLake lake = new SmallBatchLake(root, store, store);
    lake.ingestBatches(1, 12, 200);
    Table table = lake.table();
    List<Snapshot> snapshots = List.copyOf((java.util.Collection<Snapshot>) snapshots(table));
    List<List<String>> before = lake.everySnapshotsRows(table);
    assertThat(SmallBatchLake.dataFiles(table)).isEqualTo(24);

    // when
    CompactionResult result = compactor.compact(table);

    // then
    assertThat(result.compacted()).isTrue();
    assertThat(result.filesBefore()).isEqualTo(24);
    assertThat(result.filesAfter()).isEqualTo(2);
    table.refresh();
    assertThat(table.currentSnapshot().operation()).isEqualTo("replace");
    assertThat(SmallBatchLake.dataFiles(table)).isEqualTo(2);
    for (int i = 0; i < snapshots.size(); i++) {
      assertThat(lake.rows(table, table.snapshot(snapshots.get(i).snapshotId())))
          .as("snapshot %d", i)
          .isEqualTo(before.get(i));
    }
    assertThat(lake.rows(table, table.currentSnapshot()))
        .hasSize(2400)
        .isEqualTo(before.get(before.size() - 1));
  }

  @Test
  void keepsTheMinAndMaxOfEveryColumnChunkAndTheFilesMetrics() throws Exception {
    // given
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    SmallBatchLake lake = new SmallBatchLake(root, store, store);
    lake.ingestBatches(1, 5, 100);
    Table table = lake.table();

    // when
    compactor.compact(table);

    // then
    table.refresh();
    List<String> files = new HistorySnapshot(table, table.currentSnapshot(), null).dataFiles();
    assertThat(files).allMatch(f -> f.contains("/compacted-"));
    for (String file : files) {
      assertThat(
              DuckDb.query(
                  "SELECT count(*), count(stats_min_value), count(stats_max_value), count(DISTINCT"
                      + " row_group_id) FROM parquet_metadata('"
                      + lake.local(file)
                      + "')"))
          .containsExactly("55|55|55|5"); // 11 columns in each of 5 row groups
    }
    int amount = table.schema().findField("amount").fieldId();
    int batchId = table.schema().findField("_batch_id").fieldId();
    try (var tasks = table.newScan().includeColumnStats().planFiles()) {
      for (var task : tasks) {
        DataFile file = task.file();
        assertThat(file.recordCount()).isEqualTo(250);
        assertThat(file.lowerBounds()).containsKeys(amount, batchId);
        assertThat(file.upperBounds()).containsKeys(amount, batchId);
        assertThat(file.valueCounts()).containsEntry(amount, 250L);
      }
    }
  }

  @Test
  void aBatchCommittedWhileTheCompactionRunsLandsAndNoRowIsDuplicatedOrLost() throws Exception {
    // given: a store that commits another batch as soon as the compaction writes its first file
    FileSystemObjectStore files = new FileSystemObjectStore(root);
    AtomicBoolean raced = new AtomicBoolean();
    SmallBatchLake[] lake = new SmallBatchLake[1];
    ObjectStore racing =
        new ForwardingObjectStore(files) {
          @Override
          public boolean putIfAbsent(
              String bucket, String key, byte[] content, String contentType) {
            if (key.contains("/compacted-") && raced.compareAndSet(false, true)) {
              assertThat(lake[0].ingest(lake[0].drop(99, 300)).outcome())
                  .isEqualTo(IngestOutcome.COMMITTED);
            }
            return super.putIfAbsent(bucket, key, content, contentType);
          }
        };
    lake[0] = new SmallBatchLake(root, files, racing);
    lake[0].ingestBatches(1, 6, 100);
    Table table = lake[0].table();

    // when
    CompactionResult result = compactor.compact(table);

    // then: the batch landed after the compaction's plan, the compaction on top of it
    assertThat(raced).isTrue();
    assertThat(result.compacted()).isTrue();
    table.refresh();
    List<String> operations =
        java.util.stream.StreamSupport.stream(table.snapshots().spliterator(), false)
            .map(Snapshot::operation)
            .toList();
    assertThat(operations.subList(operations.size() - 2, operations.size()))
        .containsExactly("append", "replace");
    List<String> rows = lake[0].rows(table, table.currentSnapshot());
    assertThat(rows).hasSize(900).doesNotHaveDuplicates();
    assertThat(SmallBatchLake.dataFiles(table)).isEqualTo(4); // 2 compacted, the batch's 2
  }

  @Test
  void batchesAndCompactionsCommittingSideBySideLoseAndDuplicateNothing() throws Exception {
    // given: one thread ingesting 12 batches while compactions run again and again
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    SmallBatchLake lake = new SmallBatchLake(root, store, store);
    lake.ingestBatches(1, 3, 50);
    java.util.concurrent.ExecutorService ingest =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.Future<?> batches = ingest.submit(() -> lake.ingestBatches(4, 12, 50));
    int compactions = 0;

    // when
    try {
      while (!batches.isDone()) {
        if (compactor.compact(lake.table()).compacted()) {
          compactions++;
        }
      }
      batches.get();
    } finally {
      ingest.shutdownNow();
    }

    // then: every batch once, whatever the interleaving
    assertThat(compactions).isPositive();
    Table table = lake.table();
    List<String> rows = lake.rows(table, table.currentSnapshot());
    assertThat(rows).hasSize(15 * 50).doesNotHaveDuplicates();
    assertThat(
            DuckDb.query(
                "SELECT count(DISTINCT transaction_id), count(DISTINCT _batch_id) FROM"
                    + " read_parquet("
                    + new HistorySnapshot(table, table.currentSnapshot(), null)
                        .dataFiles().stream()
                            .map(f -> "'" + lake.local(f) + "'")
                            .collect(java.util.stream.Collectors.joining(", ", "[", "]"))
                    + ")"))
        .containsExactly("750|15");
  }

  @Test
  void leavesFilesWithRowDeletesAloneAndSaysSo() throws Exception {
    // given: a delete file another engine wrote against the first day
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    SmallBatchLake lake = new SmallBatchLake(root, store, store);
    lake.ingestBatches(1, 4, 100);
    Table table = lake.table();
    DataFile firstDay = anyFileOf(table, "booking_date=2024-01-14");
    DeleteFile deletes =
        FileMetadata.deleteFileBuilder(table.spec())
            .ofPositionDeletes()
            .withPath(table.location() + "/data/booking_date=2024-01-14/deletes.parquet")
            .withFileSizeInBytes(100)
            .withRecordCount(1)
            .withPartition(firstDay.partition())
            .build();
    table.newRowDelta().addDeletes(deletes).commit();

    // when
    CompactionResult result = compactor.compact(table);

    // then: the second day's four files are one, the first day's four untouched
    assertThat(result.filesWithDeletes()).isEqualTo(4);
    assertThat(result.filesAfter()).isEqualTo(5);
    table.refresh();
    try (var tasks = table.newScan().planFiles()) {
      for (var task : tasks) {
        boolean firstDayFile = task.file().location().contains("booking_date=2024-01-14");
        assertThat(task.file().location().contains("/compacted-")).isEqualTo(!firstDayFile);
      }
    }
  }

  @Test
  void leavesAGroupOfFewerThanTheMinimumFilesAlone() throws Exception {
    // given
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    SmallBatchLake lake = new SmallBatchLake(root, store, store);
    lake.ingestBatches(1, 4, 100);
    Table table = lake.table();
    long snapshot = table.currentSnapshot().snapshotId();

    // when
    CompactionResult result =
        new TableCompactor(new CompactionSettings(1L << 20, 5), CommitRetry.DEFAULT).compact(table);

    // then
    assertThat(result.compacted()).isFalse();
    assertThat(result.filesAfter()).isEqualTo(8);
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(snapshot);
    assertThat(Files.exists(root)).isTrue();
  }

  private static Iterable<Snapshot> snapshots(Table table) {
    List<Snapshot> list = new java.util.ArrayList<>();
    table.snapshots().forEach(list::add);
    return list;
  }

  private static DataFile anyFileOf(Table table, String partition) throws Exception {
    try (var tasks = table.newScan().planFiles()) {
      for (var task : tasks) {
        if (task.file().location().contains(partition)) {
          return task.file();
        }
      }
    }
    throw new AssertionError("no file in " + partition);
  }
}
