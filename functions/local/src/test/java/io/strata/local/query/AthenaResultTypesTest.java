package io.strata.local.query;

import static io.strata.core.query.QueryFixtures.demoContracts;
import static io.strata.core.query.QueryFixtures.role;
import static io.strata.local.query.EngineFixtures.awaitDone;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.query.DemoLake;
import io.strata.core.query.QueryFixtures;
import io.strata.core.query.QueryState;
import io.strata.core.query.ResultColumn;
import io.strata.core.query.ResultPage;
import io.strata.core.query.SqlStatement;
import io.strata.core.report.ReportCompiler;
import io.strata.core.report.ReportDefinition;
import io.strata.core.report.ReportLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The local lake names result column types as Athena does, typed the way Trino (Athena engine v3)
 * types the same expression, so a client written against Athena reads the local lake unchanged.
 */
class AthenaResultTypesTest {

  private final DuckDbQueryEngine engine =
      new DuckDbQueryEngine(DuckDbEngineSettings.defaults(), new EngineFixtures.TickingClock());

  @TempDir Path dir;

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  /**
   * Trino's rules for the aggregates: {@code count}, {@code count_if} and {@code sum} of integers
   * are bigint, {@code sum} of decimal(p,s) is decimal(38,s), {@code avg} of a double is double.
   * DuckDB answers HUGEINT for the integer sums and {@code count_if}.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "count(*); bigint",
        "count_if(x > 1); bigint",
        "sum(x::INTEGER); bigint",
        "sum(x::BIGINT); bigint",
        "coalesce(sum(x::INTEGER), 0); bigint",
        "sum(x::DECIMAL(18,2)); decimal(38,2)",
        "avg(x::DOUBLE); double",
        "count(DISTINCT x); bigint",
        "min(x::TINYINT); tinyint",
        "min(x::SMALLINT); smallint",
        "min(x::INTEGER); integer",
        "min(x::HUGEINT); bigint",
        "min(x::UTINYINT); smallint",
        "min(x::USMALLINT); integer",
        "min(x::UINTEGER); bigint",
        "min(x::UBIGINT); decimal(20,0)",
        "min(x::FLOAT); float",
        "min(x::DOUBLE); double",
        "min(x::VARCHAR); varchar",
        "bool_and(x > 0); boolean",
        "min(DATE '2024-01-15'); date",
        "min(TIMESTAMP '2024-01-15 08:30:00'); timestamp",
        "min(TIMESTAMPTZ '2024-01-15 08:30:00+00'); timestamp",
        "min('a'::BLOB); varbinary",
        "min(TIME '08:30:00'); time",
        "list(x); array(bigint)",
        "min({'a': x, 'b': 'y'}); row(a bigint, b varchar)",
        "min(MAP {'k': x}); map(varchar, bigint)",
      })
  void namesEachTypeAsAthenaDoes(String expression, String athenaType) {
    List<ResultColumn> columns = columnsOf("SELECT " + expression + " AS c FROM range(3) t(x)");

    assertThat(columns).containsExactly(new ResultColumn("c", athenaType));
  }

  @Test
  void theDemoReportsAnswerAthenasColumnTypes() throws Exception {
    try (DemoLake lake = new DemoLake(dir)) {
      lake.ingest(
          "bank_transactions/a.csv",
          DemoLake.BANK_HEADER
              + "TX0000000001,DE89370400440532013000,2024-01-14,12.50,EUR,Bakery Ltd,POS\n",
          Instant.parse("2024-01-15T06:00:00Z"));
      lake.ingest(
          "telecom_usage/e.jsonl",
          "{\"event_id\":\"E1\",\"subscriber_id\":\"S1\",\"event_type\":\"call\","
              + "\"event_time\":\"2024-01-14T10:00:00Z\",\"duration_s\":60,\"bytes\":2048,"
              + "\"cell_id\":\"C1\"}\n",
          Instant.parse("2024-01-16T06:00:00Z"));
      Map<String, ReportDefinition> reports =
          ReportLoader.load(QueryFixtures.DATASETS.resolve("reports"), demoContracts());
      Map<String, Object> january = Map.of("from", "2024-01-01", "to", "2024-01-31");

      List<ResultColumn> balance = run(reports.get("daily_balance"), january, lake);
      List<ResultColumn> usage = run(reports.get("usage_by_day"), january, lake);

      assertThat(balance)
          .containsExactly(
              new ResultColumn("booking_date", "date"),
              new ResultColumn("currency", "varchar"),
              new ResultColumn("total_amount", "decimal(38,2)"),
              new ResultColumn("transactions", "bigint"));
      assertThat(usage)
          .containsExactly(
              new ResultColumn("event_date", "date"),
              new ResultColumn("events", "bigint"),
              new ResultColumn("calls", "bigint"),
              new ResultColumn("messages", "bigint"),
              new ResultColumn("data_sessions", "bigint"),
              new ResultColumn("call_seconds", "bigint"),
              new ResultColumn("data_bytes", "bigint"),
              new ResultColumn("cells", "bigint"));
    }
  }

  private List<ResultColumn> run(ReportDefinition report, Map<String, Object> args, DemoLake lake) {
    SqlStatement statement =
        ReportCompiler.compile(
            report,
            args,
            demoContracts(),
            role("analyst"),
            lake.dialect(),
            lake::latest,
            QueryFixtures.LIMITS);
    String id = engine.start(statement, null);
    assertThat(awaitDone(engine, id).state()).isEqualTo(QueryState.SUCCEEDED);
    ResultPage page = engine.results(id, null, 10);
    assertThat(page.rows()).isNotEmpty();
    return page.columns();
  }

  private List<ResultColumn> columnsOf(String sql) {
    String id = engine.start(new SqlStatement(sql, List.of()), null);
    assertThat(awaitDone(engine, id).state()).isEqualTo(QueryState.SUCCEEDED);
    return engine.results(id, null, 10).columns();
  }
}
