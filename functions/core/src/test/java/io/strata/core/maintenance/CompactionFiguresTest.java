package io.strata.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.table.CommitRetry;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction of a realistic small-batch table with the default settings: 50 batches of 1,000 rows
 * over two days, so 100 files of a few dozen KiB. Prints files and bytes before and after and the
 * time the compaction took (figures for the README, not timed assertions).
 */
class CompactionFiguresTest {

  @TempDir Path root;

  @Test
  void fiftySmallBatchesBecomeOneFilePerDayWithTheSameRows() throws Exception {
    // given
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    SmallBatchLake lake = new SmallBatchLake(root, store, store);
    lake.ingestBatches(1, 50, 1_000);
    Table table = lake.table();
    List<String> before = lake.rows(table, table.currentSnapshot());
    long bytesBefore = Long.parseLong(table.currentSnapshot().summary().get("total-files-size"));

    // when
    long started = System.nanoTime();
    CompactionResult result =
        new TableCompactor(CompactionSettings.DEFAULT, CommitRetry.DEFAULT).compact(table);
    long millis = (System.nanoTime() - started) / 1_000_000;

    // then
    table.refresh();
    long bytesAfter = Long.parseLong(table.currentSnapshot().summary().get("total-files-size"));
    System.out.printf(
        "Compaction figures: %d batches, %d rows: %d files (%d bytes) -> %d files (%d bytes)"
            + " in %d ms%n",
        50,
        before.size(),
        result.filesBefore(),
        bytesBefore,
        result.filesAfter(),
        bytesAfter,
        millis);
    assertThat(result.filesBefore()).isEqualTo(100);
    assertThat(result.filesAfter()).isEqualTo(2);
    assertThat(lake.rows(table, table.currentSnapshot())).hasSize(50_000).isEqualTo(before);
  }
}
