package io.strata.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.testing.DuckDb;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryWriterTest {

  private static final String BUCKET = "history";
  private static final Instant INGESTED = Instant.parse("2024-05-06T07:08:09.123456789Z");
  private static final BatchInfo BATCH =
      new BatchInfo("payments", "b-20240506-abc", INGESTED, "raw/payments/2024-05-06.csv");

  @TempDir Path root;

  @Test
  void writesEveryTypeReadableByDuckDb() throws Exception {
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    List<WrittenFile> files;
    try (HistoryWriter writer =
        TestContracts.writer(
            store, BUCKET, TestContracts.payments(), BATCH, HistorySettings.DEFAULT)) {
      writer.write(
          paymentRow(1, "2024-01-02", "12.50", "1234567890123456789012345678.1234567890"), 2);
      writer.write(paymentNulls(2, "2024-01-03"), 3);
      writer.write(
          paymentRow(3, "2024-01-02", "-0.01", "-9999999999999999999999999999.9999999999"), 4);
      files = writer.finish();
    }

    assertThat(files)
        .containsExactly(
            new WrittenFile(
                "payments/data/booking_date=2024-01-02/b-20240506-abc-0.parquet",
                "booking_date=2024-01-02",
                2,
                size(store, "payments/data/booking_date=2024-01-02/b-20240506-abc-0.parquet")),
            new WrittenFile(
                "payments/data/booking_date=2024-01-03/b-20240506-abc-0.parquet",
                "booking_date=2024-01-03",
                1,
                size(store, "payments/data/booking_date=2024-01-03/b-20240506-abc-0.parquet")));
    Path dataset = root.resolve(BUCKET).resolve("payments");
    try (DuckDb duckDb = new DuckDb()) {
      assertThat(duckDb.rows("SELECT * FROM " + DuckDb.table(dataset) + " ORDER BY id"))
          .containsExactly(
              List.of(
                  "1",
                  "2024-01-02",
                  "Ann",
                  "***************1234",
                  "9f86d081884c7d65",
                  "true",
                  "7",
                  "12.50",
                  "1234567890123456789012345678.1234567890",
                  "0.25",
                  "2024-01-02T03:04:05.123456Z",
                  "Zürich, \"quoted\"",
                  "b-20240506-abc",
                  "2024-05-06T07:08:09.123456Z",
                  "raw/payments/2024-05-06.csv",
                  "2"),
              Arrays.asList(
                  "2",
                  "2024-01-03",
                  "Bob",
                  "***************5678",
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  "b-20240506-abc",
                  "2024-05-06T07:08:09.123456Z",
                  "raw/payments/2024-05-06.csv",
                  "3"),
              List.of(
                  "3",
                  "2024-01-02",
                  "Ann",
                  "***************1234",
                  "9f86d081884c7d65",
                  "true",
                  "7",
                  "-0.01",
                  "-9999999999999999999999999999.9999999999",
                  "0.25",
                  "2024-01-02T03:04:05.123456Z",
                  "Zürich, \"quoted\"",
                  "b-20240506-abc",
                  "2024-05-06T07:08:09.123456Z",
                  "raw/payments/2024-05-06.csv",
                  "4"));
      assertThat(duckDb.rows("DESCRIBE SELECT * FROM " + DuckDb.table(dataset)))
          .extracting(row -> row.get(0) + " " + row.get(1))
          .containsExactly(
              "id BIGINT",
              "booking_date DATE",
              "customer VARCHAR",
              "iban VARCHAR",
              "email VARCHAR",
              "active BOOLEAN",
              "quantity INTEGER",
              "amount DECIMAL(18,2)",
              "balance DECIMAL(38,10)",
              "ratio DOUBLE",
              "booked_at TIMESTAMP WITH TIME ZONE",
              "note VARCHAR",
              "_batch_id VARCHAR",
              "_ingested_at TIMESTAMP WITH TIME ZONE",
              "_source_key VARCHAR",
              "_source_line BIGINT");
      assertThat(
              duckDb.rows(
                  "SELECT DISTINCT compression FROM parquet_metadata("
                      + DuckDb.glob(dataset)
                      + ")"))
          .containsExactly(List.of("ZSTD"));
      assertThat(
              duckDb.rows(
                  "SELECT stats_min, stats_max FROM parquet_metadata("
                      + DuckDb.glob(dataset)
                      + ") WHERE path_in_schema = 'id' ORDER BY stats_min"))
          .containsExactly(List.of("1", "3"), List.of("2", "2"));
    }
  }

  private static long size(FileSystemObjectStore store, String key) {
    return store.head(BUCKET, key).map(ObjectInfo::size).orElseThrow();
  }

  /** A payments row with every value present (PII already applied). */
  static Object[] paymentRow(long id, String date, String amount, String balance) {
    return new Object[] {
      id,
      LocalDate.parse(date),
      "Ann",
      "***************1234",
      "9f86d081884c7d65",
      null,
      true,
      7,
      new BigDecimal(amount),
      new BigDecimal(balance),
      0.25,
      Instant.parse("2024-01-02T03:04:05.123456789Z"),
      "Zürich, \"quoted\""
    };
  }

  /** A payments row with only the required values. */
  static Object[] paymentNulls(long id, String date) {
    return new Object[] {
      id,
      LocalDate.parse(date),
      "Bob",
      "***************5678",
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null
    };
  }
}
