package io.strata.core.query;

import static io.strata.core.query.QueryFixtures.bank;
import static io.strata.core.query.QueryFixtures.filter;
import static io.strata.core.query.QueryFixtures.filterValues;
import static io.strata.core.query.QueryFixtures.grant;
import static io.strata.core.query.QueryFixtures.planner;
import static io.strata.core.query.QueryFixtures.role;
import static io.strata.core.query.QueryFixtures.roleWith;
import static io.strata.core.query.QueryFixtures.telecom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.access.FilterOperator;
import io.strata.core.access.RoleGrant;
import io.strata.core.access.RowFilter;
import io.strata.core.table.HistorySnapshot;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlCompilerTest {

  private static final AthenaDialect ATHENA = new AthenaDialect("strata");
  private static final String ATHENA_MASK =
      "CASE WHEN length(\"account_iban\") > 4 THEN lpad(substr(\"account_iban\","
          + " length(\"account_iban\") - 3), length(\"account_iban\"), '*') ELSE lpad('',"
          + " length(\"account_iban\"), '*') END AS \"account_iban\"";
  private static final RoleGrant DESK =
      roleWith(
          "desk",
          grant(
              "bank_transactions",
              List.of("counterparty"),
              List.of("account_iban", "amount"),
              RowFilter.of("currency", FilterOperator.NOT_IN, "GBP")));

  @TempDir Path dir;
  @TempDir static Path lakeDir;
  private static DemoLake lake;

  @BeforeAll
  static void ingestOneDropPerDataset() throws Exception {
    lake = DemoLake.withOneDropEach(lakeDir);
  }

  @AfterAll
  static void closeLake() throws Exception {
    lake.close();
  }

  /** The dataset's latest snapshot, read as of the plan's instant. */
  private static HistorySnapshot snapshot(QueryPlan plan) {
    HistorySnapshot latest = lake.snapshot(plan.dataset(), null);
    return new HistorySnapshot(latest.table(), latest.snapshot(), plan.asOf());
  }

  private static SqlStatement select(QueryPlan plan, SqlDialect dialect) {
    return SqlCompiler.select(plan, dialect, snapshot(plan));
  }

  private static QueryPlan representative() {
    return planner()
        .plan(
            bank(),
            DESK,
            new QueryRequest(
                List.of("transaction_id", "account_iban", "booking_date", "amount", "currency"),
                List.of(
                    filterValues("currency", "in", "EUR", "USD"),
                    filterValues("booking_date", "between", "2024-01-01", "2024-01-31"),
                    filter("channel", "starts with", "PO")),
                List.of(
                    new SortRequest("booking_date", "desc"),
                    new SortRequest("transaction_id", null)),
                50,
                null,
                "2024-01-16T12:00:00Z"));
  }

  @Test
  void compilesTheCurrentViewAsOfATimeForAthena() {
    SqlStatement statement = select(representative(), ATHENA);

    assertThat(statement.sql())
        .isEqualTo(
            "SELECT \"transaction_id\", "
                + ATHENA_MASK
                + ", \"booking_date\", CAST(NULL AS decimal(18,2)) AS \"amount\", \"currency\""
                + " FROM (SELECT *, row_number() OVER (PARTITION BY \"transaction_id\" ORDER BY"
                + " \"_ingested_at\" DESC, \"_batch_id\" DESC, \"_source_line\" DESC) AS"
                + " \"_strata_rank\" FROM \"strata\".\"bank_transactions\" FOR TIMESTAMP AS OF"
                + " TIMESTAMP '2024-01-16 12:00:00.000000 UTC') AS \"ranked\" WHERE \"_strata_rank\" = 1 AND \"currency\" NOT IN (?) AND"
                + " \"currency\" IN (?, ?) AND \"booking_date\" BETWEEN ? AND ? AND"
                + " starts_with(\"channel\", ?) ORDER BY \"booking_date\" DESC, \"transaction_id\""
                + " ASC LIMIT 50");
    assertThat(statement.parameters())
        .containsExactly(
            "GBP", "EUR", "USD", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31), "PO");
    assertPlaceholdersOnlyInWhere(statement.sql());
  }

  @Test
  void compilesTheHistoryViewWithoutRankingForAthena() {
    QueryPlan plan =
        planner()
            .plan(
                telecom(),
                role("analyst"),
                new QueryRequest(
                    List.of("event_id", "event_time", "duration_s"),
                    List.of(
                        filter("duration_s", ">", 10),
                        filter("event_time", "<", "2024-01-16T00:00:00Z"),
                        filter("bytes", "is null", null),
                        filter("cell_id", "!=", "C1")),
                    null,
                    null,
                    "history",
                    null));

    SqlStatement statement = select(plan, ATHENA);

    assertThat(statement.sql())
        .isEqualTo(
            "SELECT \"event_id\", \"event_time\", \"duration_s\" FROM"
                + " \"strata\".\"telecom_usage\" WHERE \"duration_s\" > ? AND \"event_time\" < ?"
                + " AND \"bytes\" IS NULL AND \"cell_id\" <> ? LIMIT 1000");
    assertThat(statement.parameters())
        .containsExactly(10, Instant.parse("2024-01-16T00:00:00Z"), "C1");
    assertPlaceholdersOnlyInWhere(statement.sql());
  }

  @Test
  void currentViewOfADatasetWithoutKeyIsItsHistory() {
    var keyless =
        new io.strata.core.contract.DatasetContract(
            "events",
            1,
            "",
            bank().format(),
            bank().csv(),
            bank().columns(),
            List.of(),
            List.of(),
            bank().errorPolicy(),
            bank().extraColumns(),
            bank().schemaEvolution());
    QueryPlan plan =
        planner()
            .plan(
                keyless, RoleGrant.admin("admin", "", List.of()), QueryFixtures.columns("amount"));

    HistorySnapshot bank = snapshot(planner().plan(bank(), role("admin"), null));

    assertThat(SqlCompiler.select(plan, ATHENA, bank).sql())
        .isEqualTo("SELECT \"amount\" FROM \"strata\".\"events\" LIMIT 1000");
  }

  @Test
  void unloadsThePlanWithoutLimitForAthena() {
    SqlStatement export =
        SqlCompiler.export(
            representative(),
            ATHENA,
            snapshot(representative()),
            "s3://strata-analytics/exports/bank_transactions/x1/data/");

    assertThat(export.sql())
        .startsWith("UNLOAD (SELECT \"transaction_id\", ")
        .endsWith(
            " starts_with(\"channel\", ?)) TO 's3://strata-analytics/exports/bank_transactions/x1/data/'"
                + " WITH (format = 'PARQUET', compression = 'SNAPPY')")
        .doesNotContain("LIMIT")
        .doesNotContain("ORDER BY \"booking_date\"");
    assertThat(export.parameters()).hasSize(6);
    assertPlaceholdersOnlyInWhere(export.sql());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s3://bucket/key",
        "s3://bucket/",
        "s3://bucket/a'b/",
        "s3://bucket/a b/",
        "s3://bucket/../x/",
        "file:///tmp/x/"
      })
  void refusesExportLocationsThatAreNotPlainS3Folders(String location) {
    assertThatThrownBy(
            () ->
                SqlCompiler.export(representative(), ATHENA, snapshot(representative()), location))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot export to '" + location + "': expected an s3://bucket/folder/ location");
  }

  @Test
  void compilesTheCurrentViewOverThePlannedFilesMatchedByFieldIdForDuckDb() {
    DuckDbDialect duckDb = lake.dialect();
    HistorySnapshot snapshot = snapshot(representative());
    String file = snapshot.dataFiles().get(0).replace("s3://", lakeDir.toAbsolutePath() + "/");
    org.apache.iceberg.Schema schema = snapshot.table().schema();

    SqlStatement statement = SqlCompiler.select(representative(), duckDb, snapshot);

    String length = "CAST(length(\"account_iban\") AS INTEGER)";
    assertThat(statement.sql())
        .startsWith(
            "SELECT \"transaction_id\", CASE WHEN length(\"account_iban\") > 4 THEN"
                + " lpad(substr(\"account_iban\", length(\"account_iban\") - 3), "
                + length
                + ", '*') ELSE lpad('', "
                + length
                + ", '*') END AS \"account_iban\", \"booking_date\", CAST(NULL AS"
                + " DECIMAL(18,2)) AS \"amount\", \"currency\" FROM (SELECT *, row_number() OVER"
                + " (PARTITION BY \"transaction_id\" ORDER BY \"_ingested_at\" DESC,"
                + " \"_batch_id\" DESC, \"_source_line\" DESC) AS \"_strata_rank\" FROM (SELECT"
                + " \"transaction_id\", \"account_iban\", \"booking_date\", \"amount\","
                + " \"currency\", \"counterparty\", \"channel\", \"_batch_id\", \"_ingested_at\","
                + " \"_source_key\", \"_source_line\" FROM read_parquet(['"
                + file
                + "'], schema = MAP {"
                + schema.findField("transaction_id").fieldId()
                + ": {name: 'transaction_id', type: 'VARCHAR', default_value: NULL}, "
                + schema.findField("account_iban").fieldId()
                + ": {name: 'account_iban', type: 'VARCHAR', default_value: NULL}, "
                + schema.findField("booking_date").fieldId()
                + ": {name: 'booking_date', type: 'DATE', default_value: NULL}, "
                + schema.findField("amount").fieldId()
                + ": {name: 'amount', type: 'DECIMAL(18,2)', default_value: NULL}, ");
    assertThat(statement.sql())
        .contains(
            ": {name: '_ingested_at', type: 'TIMESTAMPTZ', default_value: NULL}, "
                + schema.findField("_source_key").fieldId()
                + ": {name: '_source_key', type: 'VARCHAR', default_value: NULL}, "
                + schema.findField("_source_line").fieldId()
                + ": {name: '_source_line', type: 'BIGINT', default_value: NULL}}, hive_partitioning"
                + " = false))) AS \"ranked\" WHERE \"_strata_rank\" = 1 AND \"currency\" NOT IN"
                + " (?) AND \"currency\" IN (?, ?) AND \"booking_date\" BETWEEN ? AND ? AND"
                + " starts_with(\"channel\", ?) ORDER BY \"booking_date\" DESC,"
                + " \"transaction_id\" ASC LIMIT 50");
    assertThat(statement.parameters())
        .containsExactly(
            "GBP", "EUR", "USD", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31), "PO");
  }

  @Test
  void compilesADatasetWithoutSnapshotToAnEmptyTypedRelation() {
    QueryPlan plan =
        planner()
            .plan(
                bank(),
                role("admin"),
                new QueryRequest(List.of("amount"), null, null, 5, "history", null));

    SqlStatement statement = SqlCompiler.select(plan, new DuckDbDialect(dir), null);

    assertThat(statement.sql())
        .isEqualTo(
            "SELECT \"amount\" FROM (SELECT CAST(NULL AS VARCHAR) AS \"transaction_id\", CAST(NULL"
                + " AS VARCHAR) AS \"account_iban\", CAST(NULL AS DATE) AS \"booking_date\","
                + " CAST(NULL AS DECIMAL(18,2)) AS \"amount\", CAST(NULL AS VARCHAR) AS"
                + " \"currency\", CAST(NULL AS VARCHAR) AS \"counterparty\", CAST(NULL AS VARCHAR)"
                + " AS \"channel\", CAST(NULL AS VARCHAR) AS \"_batch_id\", CAST(NULL AS"
                + " TIMESTAMPTZ) AS \"_ingested_at\", CAST(NULL AS VARCHAR) AS \"_source_key\","
                + " CAST(NULL AS BIGINT) AS \"_source_line\" WHERE FALSE) LIMIT 5");
    assertThat(statement.parameters()).isEmpty();
  }

  @Test
  void copiesThePlanIntoTheAnalyticsDirectoryForDuckDb() {
    SqlStatement export =
        SqlCompiler.export(
            representative(),
            new DuckDbDialect(dir),
            snapshot(representative()),
            "s3://analytics/exports/bank_transactions/x1/data/");

    Path target = dir.toAbsolutePath().resolve("analytics/exports/bank_transactions/x1/data");
    assertThat(export.sql())
        .startsWith("COPY (SELECT \"transaction_id\", ")
        .endsWith(") TO '" + target + "' (FORMAT PARQUET, PER_THREAD_OUTPUT true)")
        .doesNotContain("LIMIT");
    assertThat(target.getParent()).isDirectory();
    assertThat(target).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x'; DROP TABLE bank_transactions; --",
        "x\"; DROP TABLE t; --",
        "1 OR 1=1 /* comment */",
        "\u2019 OR \u2018a\u2019=\u2018a",
        "\uff07; SELECT 1",
        "') UNION SELECT * FROM bank_transactions --"
      })
  void hostileValuesEndUpOnlyAsParameters(String hostile) {
    QueryPlan plan =
        planner()
            .plan(
                bank(),
                role("analyst"),
                new QueryRequest(
                    null,
                    List.of(
                        filter("counterparty", "=", hostile),
                        filter("channel", "starts with", hostile),
                        filterValues("currency", "in", "EUR", hostile)),
                    null,
                    null,
                    null,
                    null));

    for (SqlDialect dialect : List.of(ATHENA, lake.dialect())) {
      SqlStatement statement = select(plan, dialect);
      assertThat(statement.sql())
          .doesNotContain(hostile)
          .doesNotContain("DROP")
          .doesNotContain("--");
      assertThat(statement.parameters()).containsSubsequence(hostile, hostile, "EUR", hostile);
      assertThat(count(statement.sql(), "?")).isEqualTo(statement.parameters().size());
    }
  }

  @Test
  void hostileIdentifiersOperatorsAndDirectionsAreRejectedAsBadRequests() {
    assertThatThrownBy(
            () ->
                planner()
                    .plan(
                        bank(),
                        role("analyst"),
                        QueryFixtures.columns("amount\"; DROP TABLE x; --")))
        .isInstanceOf(QueryRejectedException.class)
        .hasMessage(
            "columns[0]: unknown column 'amount\\u0022; DROP TABLE x; --' in dataset"
                + " bank_transactions");
    assertThatThrownBy(
            () ->
                planner()
                    .plan(
                        bank(),
                        role("analyst"),
                        QueryFixtures.filters(filter("amount", "= 1 OR 1 =", 1))))
        .isInstanceOf(QueryRejectedException.class)
        .extracting(e -> ((QueryRejectedException) e).problem())
        .isEqualTo(Problem.BAD_OPERATOR);
    assertThatThrownBy(
            () ->
                planner()
                    .plan(
                        bank(),
                        role("analyst"),
                        new QueryRequest(
                            null,
                            null,
                            List.of(new SortRequest("amount", "desc; DROP TABLE x")),
                            null,
                            null,
                            null)))
        .isInstanceOf(QueryRejectedException.class)
        .extracting(e -> ((QueryRejectedException) e).problem())
        .isEqualTo(Problem.BAD_VALUE);
    assertThatThrownBy(
            () ->
                planner()
                    .plan(
                        bank(),
                        role("analyst"),
                        QueryFixtures.filters(filter("counterparty", "=", "x\u0000'; --"))))
        .isInstanceOf(QueryRejectedException.class)
        .extracting(e -> ((QueryRejectedException) e).problem())
        .isEqualTo(Problem.BAD_VALUE);
  }

  @Test
  void bindsDecimalsAndTimestampsTypedAsTheirColumns() {
    QueryPlan plan =
        planner()
            .plan(
                telecom(),
                role("data-scientist"),
                QueryFixtures.filters(
                    filter("event_time", ">=", "2024-01-15T00:00:00+01:00"),
                    filter("bytes", ">", 5)));
    QueryPlan bankPlan =
        planner()
            .plan(bank(), role("analyst"), QueryFixtures.filters(filter("amount", "=", "-0.5")));

    assertThat(select(plan, ATHENA).parameters())
        .containsExactly(Instant.parse("2024-01-14T23:00:00Z"), 5L);
    assertThat(select(bankPlan, ATHENA).parameters()).containsExactly(new BigDecimal("-0.50"));
  }

  /** Every '?' must sit in a WHERE clause: the last clause keyword before it is WHERE. */
  private static void assertPlaceholdersOnlyInWhere(String sql) {
    Pattern keyword =
        Pattern.compile("\\b(SELECT|FROM|WHERE|ORDER BY|LIMIT|GROUP BY|OVER|WITH)\\b");
    for (int i = sql.indexOf('?'); i >= 0; i = sql.indexOf('?', i + 1)) {
      Matcher matcher = keyword.matcher(sql.substring(0, i));
      String last = null;
      while (matcher.find()) {
        last = matcher.group(1);
      }
      assertThat(last).as("clause of the placeholder at %d", i).isEqualTo("WHERE");
    }
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
