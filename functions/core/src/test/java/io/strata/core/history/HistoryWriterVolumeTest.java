package io.strata.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.testing.DuckDb;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryWriterVolumeTest {

  private static final int ROWS = 300_000;
  private static final long ROW_GROUP_BYTES = 256 * 1024;

  @TempDir Path root;

  @Test
  void streamsManyRowsThroughBoundedRowGroupsAndRollsFilesAtTheRowLimit() throws Exception {
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    BatchInfo batch =
        new BatchInfo("payments", "big", Instant.parse("2024-05-06T00:00:00Z"), "raw/big.csv");
    List<WrittenFile> files;
    try (HistoryWriter writer =
        TestContracts.writer(
            store,
            "history",
            TestContracts.payments(),
            batch,
            new HistorySettings(ROW_GROUP_BYTES, 3, 60_000))) {
      for (int i = 0; i < ROWS; i++) {
        writer.write(row(i), i + 2L);
      }
      files = writer.finish();
    }

    assertThat(files)
        .extracting(WrittenFile::key, WrittenFile::rows)
        .containsExactly(
            tuple("payments/data/booking_date=2024-01-01/big-0.parquet", 60_000L),
            tuple("payments/data/booking_date=2024-01-01/big-1.parquet", 40_000L),
            tuple("payments/data/booking_date=2024-01-02/big-0.parquet", 60_000L),
            tuple("payments/data/booking_date=2024-01-02/big-1.parquet", 40_000L),
            tuple("payments/data/booking_date=2024-01-03/big-0.parquet", 60_000L),
            tuple("payments/data/booking_date=2024-01-03/big-1.parquet", 40_000L));
    Path dataset = root.resolve("history/payments");
    try (DuckDb duckDb = new DuckDb()) {
      assertThat(
              duckDb.rows(
                  "SELECT count(*), count(DISTINCT id), min(_source_line), max(_source_line),"
                      + " sum(amount), count(note) FROM "
                      + DuckDb.table(dataset)))
          .containsExactly(List.of("300000", "300000", "2", "300001", "149998500.00", "150000"));
      assertThat(
              duckDb.rows(
                  "SELECT booking_date, count(*) FROM "
                      + DuckDb.table(dataset)
                      + " WHERE id % 3 <> (booking_date - DATE '2024-01-01')"
                      + " GROUP BY ALL"))
          .isEmpty();
      String rowGroups =
          "SELECT file_name, row_group_id, sum(total_compressed_size) AS bytes"
              + " FROM parquet_metadata("
              + DuckDb.glob(dataset)
              + ") GROUP BY ALL";
      long fewestRowGroupsInAFile =
          Long.parseLong(
              duckDb.value(
                  "SELECT min(n) FROM (SELECT count(*) AS n FROM ("
                      + rowGroups
                      + ") GROUP BY file_name)"));
      assertThat(fewestRowGroupsInAFile).isGreaterThan(1);
      assertThat(Long.parseLong(duckDb.value("SELECT max(bytes) FROM (" + rowGroups + ")")))
          .isLessThanOrEqualTo(ROW_GROUP_BYTES + ROW_GROUP_BYTES / 10);
    }
  }

  private static Object[] row(int i) {
    return new Object[] {
      (long) i,
      LocalDate.of(2024, 1, 1 + i % 3),
      "customer-" + (i % 5000),
      "**********" + (1000 + i % 9000),
      Integer.toHexString(i * 31),
      null,
      i % 2 == 0,
      i % 100,
      BigDecimal.valueOf(i % 100_000, 2),
      BigDecimal.valueOf(i, 10),
      i / 7.0,
      Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i),
      i % 2 == 0 ? "note " + i : null
    };
  }
}
