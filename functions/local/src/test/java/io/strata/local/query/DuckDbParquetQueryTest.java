package io.strata.local.query;

import static io.strata.local.query.EngineFixtures.awaitDone;
import static io.strata.local.query.EngineFixtures.sqlPath;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.ResultColumn;
import io.strata.core.query.ResultPage;
import io.strata.core.query.SqlStatement;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbParquetQueryTest {

  @TempDir Path lake;

  private final DuckDbQueryEngine engine =
      new DuckDbQueryEngine(DuckDbEngineSettings.defaults(), new EngineFixtures.TickingClock());

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void copiesToADirectoryAndReportsTheRowsWritten() throws Exception {
    // given
    Path exportDir = lake.resolve("exports/orders/e1/data");
    Files.createDirectories(exportDir.getParent());
    SqlStatement copy =
        new SqlStatement(
            "COPY (SELECT range AS n FROM range(42) WHERE range >= ?) TO '"
                + sqlPath(exportDir)
                + "' (FORMAT PARQUET, PER_THREAD_OUTPUT true)",
            List.of(0L));

    // when
    String id = engine.start(copy, null);
    QueryStatus status = awaitDone(engine, id);

    // then
    assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
    assertThat(status.outputRows()).isEqualTo(42L);
    ResultPage page = engine.results(id, null, 10);
    assertThat(page.columns()).isEmpty();
    assertThat(page.rows()).isEmpty();
    String count =
        engine.start(
            new SqlStatement(
                "SELECT count(*) AS n FROM read_parquet('" + sqlPath(exportDir) + "/*.parquet')",
                List.of()),
            null);
    awaitDone(engine, count);
    assertThat(engine.results(count, null, 10).rows()).containsExactly(List.of(42L));
  }

  @Test
  void queriesHivePartitionedParquetFilesWithTypedParameters() throws Exception {
    // given two batches of history Parquet, written the way ingest lays them out
    writeParquet(
        "orders/order_date=2024-01-14/b1-0.parquet",
        "SELECT * FROM (VALUES ('o-1', 10.50::DECIMAL(18,2), 'b1',"
            + " TIMESTAMPTZ '2024-01-14 08:30:00+00', 1::BIGINT),"
            + " ('o-2', 99.99::DECIMAL(18,2), 'b1', TIMESTAMPTZ '2024-01-14 08:30:00+00', 2::BIGINT))"
            + " t(order_id, amount, _batch_id, _ingested_at, _source_line)");
    writeParquet(
        "orders/order_date=2024-01-15/b2-0.parquet",
        "SELECT * FROM (VALUES ('o-3', 20.00::DECIMAL(18,2), 'b2',"
            + " TIMESTAMPTZ '2024-01-15 09:00:00.000250+00', 1::BIGINT))"
            + " t(order_id, amount, _batch_id, _ingested_at, _source_line)");
    SqlStatement query =
        new SqlStatement(
            "SELECT order_id, amount, order_date, _ingested_at FROM read_parquet('"
                + sqlPath(lake.resolve("orders"))
                + "/*/*.parquet', hive_partitioning = true)"
                + " WHERE _ingested_at <= ? AND amount < ? ORDER BY order_id",
            List.of(Instant.parse("2024-01-15T09:00:00.000250Z"), new BigDecimal("50")));

    // when
    String id = engine.start(query, null);
    QueryStatus status = awaitDone(engine, id);

    // then
    assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
    ResultPage page = engine.results(id, null, 10);
    assertThat(page.columns())
        .containsExactly(
            new ResultColumn("order_id", "varchar"),
            new ResultColumn("amount", "decimal(18,2)"),
            new ResultColumn("order_date", "date"),
            new ResultColumn("_ingested_at", "timestamp"));
    assertThat(page.rows())
        .containsExactly(
            List.of("o-1", new BigDecimal("10.50"), "2024-01-14", "2024-01-14T08:30:00Z"),
            List.of("o-3", new BigDecimal("20.00"), "2024-01-15", "2024-01-15T09:00:00.000250Z"));
  }

  private void writeParquet(String relativePath, String select) throws Exception {
    Path file = lake.resolve(relativePath);
    Files.createDirectories(file.getParent());
    try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
        Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("COPY (" + select + ") TO '" + sqlPath(file) + "' (FORMAT PARQUET)");
    }
  }
}
