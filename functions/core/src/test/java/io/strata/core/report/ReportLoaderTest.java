package io.strata.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.strata.core.contract.ColumnType;
import io.strata.core.query.QueryFixtures;
import io.strata.core.store.FileSystemObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ReportLoaderTest {

  private static final String HEADER =
      """
      -- description: Test report.
      -- parameters:
      --   from: {type: date}
      --   currency: {type: string, default: EUR}
      """;

  @Test
  void loadsTheDemoReportsFromTheDatasetsFolder() {
    Map<String, ReportDefinition> reports =
        ReportLoader.load(QueryFixtures.DATASETS.resolve("reports"), QueryFixtures.demoContracts());

    assertThat(reports).containsOnlyKeys("balance_by_currency", "daily_balance", "usage_by_day");
    ReportDefinition daily = reports.get("daily_balance");
    assertThat(daily.description())
        .isEqualTo(
            "Per booking day and currency, the sum of the amounts and the number of transactions.");
    assertThat(daily.parameters())
        .containsExactly(
            new ReportParameter("from", ColumnType.of(ColumnType.Kind.DATE), true, null),
            new ReportParameter("to", ColumnType.of(ColumnType.Kind.DATE), true, null));
    assertThat(daily.datasets()).containsExactly("bank_transactions");
    assertThat(daily.sql()).startsWith("SELECT").endsWith("ORDER BY booking_date, currency");
    assertThat(reports.get("usage_by_day").datasets()).containsExactly("telecom_usage");
  }

  @Test
  void readsDefaultsTypedAsTheirParameter() {
    ReportDefinition report =
        parse(
            "r.sql",
            HEADER
                + "SELECT * FROM {{bank_transactions}} WHERE booking_date >= :from AND currency ="
                + " :currency");

    assertThat(report.parameters())
        .containsExactly(
            new ReportParameter("from", ColumnType.of(ColumnType.Kind.DATE), true, null),
            new ReportParameter("currency", ColumnType.of(ColumnType.Kind.STRING), false, "EUR"));
  }

  @Test
  void loadsReportsFromAnObjectStorePrefix(@TempDir Path dir) {
    FileSystemObjectStore store = new FileSystemObjectStore(dir);
    String text =
        HEADER
            + "SELECT count(*) FROM {{telecom_usage}} WHERE event_date >= :from"
            + " AND cell_id <> :currency";
    store.put("config", "reports/usage.sql", text.getBytes(StandardCharsets.UTF_8), "text/plain");
    store.put("config", "reports/README.md", new byte[0], "text/plain");
    store.put("config", "reports/old/x.sql", new byte[0], "text/plain");

    Map<String, ReportDefinition> reports =
        ReportLoader.load(store, "config", "reports/", QueryFixtures.demoContracts());

    assertThat(reports).containsOnlyKeys("usage");
    assertThat(reports.get("usage").datasets()).containsExactly("telecom_usage");
  }

  @Test
  void setsABrokenReportAsideWithItsReasonAndReadsTheOthers(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("good.sql"),
        HEADER
            + "SELECT * FROM {{bank_transactions}} WHERE booking_date >= :from AND currency ="
            + " :currency");
    Files.writeString(dir.resolve("bad.sql"), "-- description: x\nSELECT * FROM bank_transactions");
    Files.writeString(dir.resolve("Bad-Name.sql"), "-- description: x\nSELECT 1");

    ReportFolder.Reports reports = ReportFolder.read(dir, QueryFixtures.demoContracts().keySet());

    assertThat(reports.reports()).containsOnlyKeys("good");
    assertThat(reports.broken()).containsOnlyKeys("Bad-Name.sql", "bad.sql");
    assertThat(reports.broken().get("bad.sql"))
        .hasMessage(
            "Cannot load report bad.sql: sql: names bank_transactions directly at line 2, column"
                + " 15; read datasets only as {{dataset}}");
    assertThatThrownBy(reports::orThrow).isSameAs(reports.broken().get("Bad-Name.sql"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "r.sql|-- parameters: {}\\nSELECT 1 FROM {{bank_transactions}}|description: is required",
        "r.sql|-- description: [x\\nSELECT 1 FROM {{bank_transactions}}|header: invalid YAML:",
        "r.sql|-- description: x\\n-- colour: red\\nSELECT 1 FROM {{bank_transactions}}|colour:"
            + " unknown key (expected one of description, materialize, parameters)",
        "r.sql|-- description: x\\n-- parameters: {d: {type: day}}\\nSELECT :d FROM"
            + " {{bank_transactions}}|parameters.d.type: unknown type 'day' (expected date, string,"
            + " int, long, double, decimal(p,s), boolean or timestamp)",
        "r.sql|-- description: x\\n-- parameters: {d: {type: date, default: 2024-13-01}}\\nSELECT"
            + " :d FROM {{bank_transactions}}|parameters.d.default: parameters.d.default: expected"
            + " a date (yyyy-MM-dd) for parameter d, got \"2024-13-01\"",
        "r.sql|-- description: x\\n-- parameters: {d: {type: date, required: false}}\\nSELECT :d"
            + " FROM {{bank_transactions}}|parameters.d: an optional parameter needs a default",
        "r.sql|-- description: x\\n-- parameters: {d: {type: int, required: true, default:"
            + " 1}}\\nSELECT :d FROM {{bank_transactions}}|parameters.d.default: a required"
            + " parameter has no default",
        "r.sql|-- description: x\\nSELECT 1 FROM {{bank_transaction}}|sql: unknown dataset"
            + " {{bank_transaction}}",
        "r.sql|-- description: x\\nSELECT 1 FROM {{bank_transactions}} WHERE amount = :d|sql:"
            + " parameter :d is not declared in parameters",
        "r.sql|-- description: x\\nSELECT 1) FROM {{bank_transactions}}|sql: not valid SQL at line"
            + " 2, column 9: unexpected ')'",
        "r.sql|-- description: x\\n-- parameters: {d: {type: date}}\\nSELECT 1 FROM"
            + " {{bank_transactions}}|parameters.d: declared but never used in the SQL",
        "r.sql|-- description: x\\nSELECT 1 FROM {{bank_transactions}}; DROP TABLE x|sql: ';' at"
            + " line 2, column 36: a report is one statement without separators",
        "r.sql|-- description: x\\nSELECT amount::varchar FROM {{bank_transactions}}|sql: '::' at"
            + " line 2, column 14: write casts as CAST(x AS type)",
        "r.sql|-- description: x\\nSELECT 1 FROM {{bank_transactions}} WHERE a = ?|sql: '?' at"
            + " line 2, column 47: write parameters as :name",
        "r.sql|-- description: x\\nSELECT 1 FROM {{bank_transactions}} WHERE a = 'why?'|sql: '?'"
            + " in the quoted text at line 2, column 47: '?' is the placeholder of bound values",
        "r.sql|-- description: x\\nSELECT 1 FROM bank_transactions|sql: names bank_transactions"
            + " directly at line 2, column 15; read datasets only as {{dataset}}",
        "r.sql|-- description: x\\nSELECT 1 FROM {{telecom_usage}} JOIN \"strata_batches\"|sql:"
            + " names \"strata_batches\" directly at line 2, column 38; read datasets only as"
            + " {{dataset}}",
        "r.sql|-- description: x\\nSELECT 1 FROM {{bank_transactions}} LIMIT 5|sql: LIMIT at"
            + " line 2, column 37: reports are limited by the query API",
        "r.sql|-- description: x\\nSELECT 'open FROM {{bank_transactions}}|sql: quote ' opened at"
            + " line 2, column 8 is not closed",
        "r.sql|-- description: x\\n:rate|sql: not valid SQL at line 2, column 1: unexpected ':'",
        "r.sql|-- description: x\\nSELECT 1 FROM {{bank_transactions}} /* x|sql: not valid SQL at line"
            + " 2, column 37: unexpected '/'",
        "r.sql|-- description: x\\nSELECT 1|sql: reads no dataset (write {{dataset}})",
        "r.sql|-- description: x\\n|sql: the file holds no statement after its header",
        "Daily.sql|-- description: x\\nSELECT 1 FROM {{bank_transactions}}|the file name must be"
            + " <name>.sql with a name matching [a-z][a-z0-9_-]*"
      })
  void refusesBrokenReportsNamingFileAndField(String fileName, String text, String message) {
    assertThatThrownBy(() -> parse(fileName, text.replace("\\n", "\n")))
        .isInstanceOf(ReportException.class)
        .hasMessageStartingWith("Cannot load report " + fileName + ": " + message);
  }

  @Test
  void ignoresPlaceholdersInsideLiteralsIdentifiersAndComments() {
    ReportDefinition report =
        parse(
            "r.sql",
            "-- description: x\n-- parameters: {d: {type: date}}\n"
                + "SELECT ':nope', \"odd:name\" -- :nope either; {{x}}\n"
                + "/* :nor; this */ FROM {{bank_transactions}} WHERE booking_date = :d");

    assertThat(report.parameters()).hasSize(1);
    assertThat(report.datasets()).containsExactly("bank_transactions");
    assertThat(report.parameters().get(0).defaultValue()).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT amount * :rate AS scaled FROM {{bank_transactions}} WHERE currency = 'EUR'"
            + "|17|SELECT",
        "SELECT count(*) FILTER (WHERE amount > :rate) FROM {{bank_transactions}}|40|SELECT",
        "SELECT currency FROM {{bank_transactions}} WHERE amount IN (SELECT amount FROM"
            + " {{bank_transactions}} WHERE currency = 'EUR') GROUP BY currency HAVING sum(amount)"
            + " > :rate|165|HAVING",
        "SELECT b.amount FROM {{bank_transactions}} b JOIN {{telecom_usage}} t ON b.amount >"
            + " :rate|85|JOIN",
        "SELECT * FROM (SELECT amount FROM {{bank_transactions}} LIMIT :rate)|63|LIMIT",
        "SELECT amount FROM {{bank_transactions}} WHERE amount > 0 ORDER BY abs(amount - :rate)"
            + "|81|ORDER BY",
        "SELECT count(*) OVER (PARTITION BY currency ORDER BY :rate) FROM {{bank_transactions}}"
            + "|54|SELECT",
        "SELECT currency FROM {{bank_transactions}} WHERE amount > 0 UNION SELECT cell_id FROM"
            + " {{telecom_usage}} ORDER BY :rate|114|ORDER BY",
        "SELECT currency FROM {{bank_transactions}} GROUP BY currency, :rate|63|GROUP BY"
      })
  void refusesAParameterOutsideAWhereClauseNamingFileAndParameter(
      String sql, int column, String clause) {
    String text = "-- description: x\n-- parameters: {rate: {type: 'decimal(18,2)'}}\n" + sql;

    assertThatThrownBy(() -> parse("scaled.sql", text))
        .isInstanceOf(ReportException.class)
        .hasMessage(
            "Cannot load report scaled.sql: sql: parameter :rate at line 3, column "
                + column
                + " is outside a WHERE clause (in "
                + clause
                + "): Athena binds parameters only in WHERE clauses");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT * FROM {{bank_transactions}} WHERE amount > coalesce(:rate, 0)",
        "SELECT * FROM {{bank_transactions}} WHERE currency IN ('EUR', 'USD') AND amount IN"
            + " (:rate, 1)",
        "SELECT * FROM {{bank_transactions}} WHERE amount IS DISTINCT FROM :rate",
        "SELECT * FROM (SELECT amount FROM {{bank_transactions}} WHERE amount > :rate) AS big"
            + " ORDER BY amount",
        "SELECT count(*) FROM {{bank_transactions}} b WHERE EXISTS (SELECT 1 FROM"
            + " {{telecom_usage}} t WHERE t.bytes > :rate) GROUP BY b.currency",
        "WITH big AS (SELECT * FROM {{bank_transactions}} WHERE extract(year FROM booking_date) ="
            + " 2024 AND amount > :rate) SELECT currency, sum(amount) FROM big GROUP BY currency"
      })
  void acceptsParametersInWhereClausesAtAnyDepth(String sql) {
    ReportDefinition report =
        parse(
            "big.sql", "-- description: x\n-- parameters: {rate: {type: 'decimal(18,2)'}}\n" + sql);

    assertThat(report.parameters()).extracting(ReportParameter::name).containsExactly("rate");
  }

  static Stream<Arguments> bodiesThatWouldEscapeGovernance() {
    return Stream.of(
        arguments(
            "SELECT * FROM read_parquet('lake/strata-history/bank_transactions/*/*.parquet')",
            "table function read_parquet at line 2, column 15: read datasets only as {{dataset}}"),
        arguments(
            "SELECT * FROM {{bank_transactions}} b, read_csv_auto('raw/x.csv') c",
            "table function read_csv_auto at line 2, column 40: read datasets only as"
                + " {{dataset}}"),
        arguments(
            "SELECT * FROM {{bank_transactions}} WHERE amount IN (SELECT amount FROM"
                + " TABLE(system.query(query => 'SELECT 1')))",
            "table function TABLE at line 2, column 73: read datasets only as" + " {{dataset}}"),
        arguments(
            "SELECT * FROM information_schema.tables",
            "names information_schema.tables directly at line 2, column 15; read datasets only"
                + " as {{dataset}}"),
        arguments(
            "SELECT * FROM {{bank_transactions}} WHERE amount IN (SELECT amount FROM"
                + " strata.bank_transactions)",
            "names strata.bank_transactions directly at line 2, column 73; read datasets only as"
                + " {{dataset}}"),
        arguments(
            "SELECT * FROM {{bank_transactions}}, 'lake/strata-history/x.parquet'",
            "names 'lake/strata-history/x.parquet' directly at line 2, column 38; read datasets"
                + " only as {{dataset}}"),
        arguments(
            "SELECT * FROM (WITH x AS (SELECT * FROM {{bank_transactions}}) SELECT * FROM x) y,"
                + " x",
            "names x directly at line 2, column 84; read datasets only as {{dataset}}"),
        arguments(
            "WITH bank_transactions AS (SELECT * FROM {{bank_transactions}}) SELECT * FROM"
                + " bank_transactions",
            "WITH name bank_transactions at line 2, column 6 shadows dataset bank_transactions;"
                + " choose another"),
        arguments(
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM"
                + " {{bank_transactions}}, r",
            "WITH RECURSIVE at line 2, column 6: reports do not support recursion"),
        arguments(
            "SELECT {{bank_transactions}}.amount FROM {{bank_transactions}}",
            "{{bank_transactions}} at line 2, column 8 is not read as a table: write FROM"
                + " {{bank_transactions}}"),
        arguments(
            "SELECT * FROM {{bank_transactions}} WHERE currency = E'\\\\' OR 1 = 1 --'",
            "string literal at line 2, column 54: write text as '...' (no escape or dollar"
                + " quoting)"),
        arguments(
            "SELECT `amount` FROM {{bank_transactions}}",
            "quoted name `amount` at line 2, column 8: quote names as \"name\""),
        arguments(
            "SELECT $$ FROM secret $$ FROM {{bank_transactions}}",
            "quoted name $$ FROM secret $$ at line 2, column 8: quote names as \"name\""),
        arguments(
            "SELECT getenv('STRATA_PII_HASH_KEY') AS k FROM {{bank_transactions}}",
            "function getenv at line 2, column 8 reads the engine's environment; reports may not"
                + " call it"),
        arguments(
            "SELECT * INTO copy FROM {{bank_transactions}}",
            "names copy directly at line 2, column 15; read datasets only as {{dataset}}"),
        arguments(
            "INSERT INTO copy SELECT * FROM {{bank_transactions}}",
            "a report is one SELECT query, not Insert"),
        arguments(
            "SELECT * FROM {{bank_transactions}} ORDER BY amount OFFSET 5",
            "OFFSET at line 2, column 53: reports are limited by the query API"));
  }

  @ParameterizedTest
  @MethodSource("bodiesThatWouldEscapeGovernance")
  void refusesBodiesThatWouldReadAroundTheGovernedViews(String sql, String message) {
    assertThatThrownBy(() -> parse("escape.sql", "-- description: x\n" + sql))
        .isInstanceOf(ReportException.class)
        .hasMessage("Cannot load report escape.sql: sql: " + message);
  }

  @Test
  void acceptsTheTrinoAndDuckDbSyntaxOfAnalyticalReports() {
    ReportDefinition report =
        parse(
            "busy.sql",
            """
            -- description: Busy cells.
            -- parameters: {from: {type: date}, kind: {type: string, default: call}}
            WITH daily AS (
              SELECT event_date, cell_id,
                count_if(event_type = 'call') AS calls,
                count(*) FILTER (WHERE bytes > 0) AS sessions,
                CAST(sum(duration_s) AS decimal(18, 2)) AS seconds,
                try_cast(max(bytes) AS bigint) AS top_bytes,
                CASE WHEN count(*) > 10 THEN 'busy' ELSE 'quiet' END AS load
              FROM {{telecom_usage}}
              WHERE event_date >= :from
                AND event_date < DATE '2100-01-01'
                AND event_time > TIMESTAMP '2024-01-01 00:00:00' - INTERVAL '1' DAY
                AND event_type IN (:kind, 'data')
              GROUP BY event_date, cell_id
            ), ranked AS (
              SELECT d.*, row_number() OVER (PARTITION BY event_date ORDER BY calls DESC) AS n,
                lag(calls) OVER (ORDER BY event_date) AS previous
              FROM daily d
            )
            SELECT date_trunc('month', event_date) AS month, cell_id, sum(calls) AS calls,
              coalesce(max(previous), 0) AS previous, array_agg(n) AS ranks
            FROM ranked r
            CROSS JOIN UNNEST(ARRAY[1, 2]) AS u(k)
            WHERE n <= 3 AND regexp_like(cell_id, '^C[0-9]+$')
              AND EXISTS (SELECT 1 FROM {{bank_transactions}} b WHERE b.booking_date = r.event_date)
            GROUP BY 1, 2
            ORDER BY month DESC NULLS LAST, cell_id
            """);

    assertThat(report.datasets()).containsExactly("telecom_usage", "bank_transactions");
    assertThat(report.parameters())
        .extracting(ReportParameter::name)
        .containsExactly("from", "kind");
  }

  private static ReportDefinition parse(String fileName, String text) {
    return ReportLoader.parse(fileName, text, QueryFixtures.demoContracts());
  }
}
