package io.strata.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.ColumnType;
import io.strata.core.query.QueryFixtures;
import io.strata.core.store.FileSystemObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    assertThat(reports).containsOnlyKeys("daily_balance", "usage_by_day");
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

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "r.sql|-- parameters: {}\\nSELECT 1 FROM {{bank_transactions}}|description: is required",
        "r.sql|-- description: [x\\nSELECT 1 FROM {{bank_transactions}}|header: invalid YAML:",
        "r.sql|-- description: x\\n-- colour: red\\nSELECT 1 FROM {{bank_transactions}}|colour:"
            + " unknown key (expected one of description, parameters)",
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
        "r.sql|-- description: x\\nSELECT 1) FROM {{bank_transactions}}|sql: ')' at offset 8"
            + " closes no '('",
        "r.sql|-- description: x\\n-- parameters: {d: {type: date}}\\nSELECT 1 FROM"
            + " {{bank_transactions}}|parameters.d: declared but never used in the SQL",
        "r.sql|-- description: x\\nSELECT 1 FROM {{bank_transactions}}; DROP TABLE x|sql: ';' at"
            + " offset 35: a report is one statement without separators",
        "r.sql|-- description: x\\nSELECT amount::varchar FROM {{bank_transactions}}|sql: '::' at"
            + " offset 13: write casts as CAST(x AS type)",
        "r.sql|-- description: x\\nSELECT 1 FROM {{bank_transactions}} WHERE a = ?|sql: '?' at"
            + " offset 46: write parameters as :name",
        "r.sql|-- description: x\\nSELECT 1 FROM {{bank_transactions}} WHERE a = 'why?'|sql: '?'"
            + " in the quoted text at offset 46: '?' is the placeholder of bound values",
        "r.sql|-- description: x\\nSELECT 1 FROM bank_transactions|sql: names bank_transactions"
            + " directly; read datasets only as {{dataset}}",
        "r.sql|-- description: x\\nSELECT 1 FROM {{telecom_usage}} JOIN \"strata_batches\"|sql:"
            + " names strata_batches directly; read datasets only as {{dataset}}",
        "r.sql|-- description: x\\nSELECT 1 FROM {{bank_transactions}} LIMIT 5|sql: LIMIT at"
            + " offset 36: reports are limited by the query API",
        "r.sql|-- description: x\\nSELECT 'open FROM {{bank_transactions}}|sql: quote ' opened at"
            + " offset 7 is not closed",
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
            + "|16|SELECT",
        "SELECT count(*) FILTER (WHERE amount > :rate) FROM {{bank_transactions}}|39|SELECT",
        "SELECT currency FROM {{bank_transactions}} WHERE amount IN (SELECT amount FROM"
            + " {{bank_transactions}} WHERE currency = 'EUR') GROUP BY currency HAVING sum(amount)"
            + " > :rate|164|HAVING",
        "SELECT b.amount FROM {{bank_transactions}} b JOIN {{telecom_usage}} t ON b.amount >"
            + " :rate|84|ON",
        "SELECT * FROM (SELECT amount FROM {{bank_transactions}} LIMIT :rate)|62|LIMIT",
        "SELECT amount FROM {{bank_transactions}} WHERE amount > 0 ORDER BY abs(amount - :rate)"
            + "|80|ORDER",
        ":rate|0|"
      })
  void refusesAParameterOutsideAWhereClauseNamingFileAndParameter(
      String sql, int offset, String clause) {
    String text = "-- description: x\n-- parameters: {rate: {type: 'decimal(18,2)'}}\n" + sql;

    assertThatThrownBy(() -> parse("scaled.sql", text))
        .isInstanceOf(ReportException.class)
        .hasMessage(
            "Cannot load report scaled.sql: sql: parameter :rate at offset "
                + offset
                + " is outside a WHERE clause"
                + (clause == null ? "" : " (in " + clause + ")")
                + ": Athena binds parameters only in WHERE clauses");
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

  private static ReportDefinition parse(String fileName, String text) {
    return ReportLoader.parse(fileName, text, QueryFixtures.demoContracts());
  }
}
