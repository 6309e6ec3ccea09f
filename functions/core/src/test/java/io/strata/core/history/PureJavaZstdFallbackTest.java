package io.strata.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.testing.DuckDb;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * History written where zstd-jni cannot load, as in a native image: the core's pom runs this class
 * in a second surefire execution with zstd-jni left off the classpath (and only there, where the
 * property below is set).
 */
@EnabledIfSystemProperty(named = "strata.test.without-zstd-jni", matches = "true")
class PureJavaZstdFallbackTest {

  private static final BatchInfo BATCH =
      new BatchInfo(
          "payments",
          "b-20240506-abc",
          Instant.parse("2024-05-06T07:08:09Z"),
          "raw/payments/2024-05-06.csv");

  @TempDir Path root;

  @Test
  void withoutZstdJniHistoryIsWrittenWithPureJavaZstdAndReadsBack() throws Exception {
    assertThatThrownBy(() -> Class.forName("com.github.luben.zstd.Zstd"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(PageCompressor.NativeZstd.AVAILABLE).isFalse();
    try (PageCompressor compressor = PageCompressor.create()) {
      assertThat(compressor).isInstanceOf(PageCompressor.JavaZstd.class);
    }

    FileSystemObjectStore store = new FileSystemObjectStore(root);
    try (HistoryWriter writer =
        TestContracts.writer(
            store, "history", TestContracts.payments(), BATCH, HistorySettings.DEFAULT)) {
      for (long id = 1; id <= 5_000; id++) {
        writer.write(HistoryWriterTest.paymentRow(id, "2024-01-02", id + ".25", "1.5"), id + 1);
      }
      writer.finish();
    }

    Path dataset = root.resolve("history").resolve("payments");
    try (DuckDb duckDb = new DuckDb()) {
      assertThat(duckDb.rows("SELECT count(*), sum(id), max(amount) FROM " + DuckDb.table(dataset)))
          .containsExactly(List.of("5000", "12502500", "5000.25"));
      assertThat(
              duckDb.rows(
                  "SELECT DISTINCT compression FROM parquet_metadata("
                      + DuckDb.glob(dataset)
                      + ")"))
          .containsExactly(List.of("ZSTD"));
    }
  }
}
