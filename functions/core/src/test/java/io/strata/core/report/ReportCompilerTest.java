package io.strata.core.report;

import static io.strata.core.query.QueryFixtures.LIMITS;
import static io.strata.core.query.QueryFixtures.demoContracts;
import static io.strata.core.query.QueryFixtures.role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.access.DatasetGrant;
import io.strata.core.access.FilterOperator;
import io.strata.core.access.RoleGrant;
import io.strata.core.access.RowFilter;
import io.strata.core.query.AthenaDialect;
import io.strata.core.query.DemoLake;
import io.strata.core.query.Problem;
import io.strata.core.query.QueryFixtures;
import io.strata.core.query.QueryRejectedException;
import io.strata.core.query.SqlStatement;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCompilerTest {

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

  private static final AthenaDialect ATHENA = new AthenaDialect("strata");
  private static final Map<String, ReportDefinition> REPORTS =
      ReportLoader.load(QueryFixtures.DATASETS.resolve("reports"), demoContracts());

  @Test
  void replacesDatasetsByTheRolesGovernedViewAndBindsArgumentsInOrder() {
    SqlStatement statement =
        compile("daily_balance", Map.of("from", "2024-01-01", "to", "2024-01-31"), role("analyst"));

    assertThat(statement.sql())
        .isEqualTo(
            "SELECT\n  booking_date,\n  currency,\n  sum(amount) AS total_amount,\n  count(*) AS"
                + " transactions\nFROM (SELECT \"transaction_id\", CASE WHEN"
                + " length(\"account_iban\") > 4 THEN lpad(substr(\"account_iban\","
                + " length(\"account_iban\") - 3), length(\"account_iban\"), '*') ELSE lpad('',"
                + " length(\"account_iban\"), '*') END AS \"account_iban\", \"booking_date\","
                + " \"amount\", \"currency\", \"counterparty\", \"channel\", \"_batch_id\","
                + " \"_ingested_at\", \"_source_key\", \"_source_line\" FROM (SELECT *,"
                + " row_number() OVER (PARTITION BY \"transaction_id\" ORDER BY \"_ingested_at\""
                + " DESC, \"_batch_id\" DESC, \"_source_line\" DESC) AS \"_strata_rank\" FROM"
                + " \"strata\".\"bank_transactions\") AS \"ranked\" WHERE \"_strata_rank\" = 1)\nWHERE booking_date BETWEEN ? AND ?\nGROUP BY"
                + " booking_date, currency\nORDER BY booking_date, currency\nLIMIT 100000");
    assertThat(statement.parameters())
        .containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31));
  }

  @Test
  void theGovernedViewLeavesOutHiddenColumnsAndAppliesTheRowFilter() {
    RoleGrant callsOnly =
        new RoleGrant(
            "calls",
            "",
            false,
            List.of(),
            Map.of(
                "telecom_usage",
                new DatasetGrant(
                    "telecom_usage",
                    List.of("subscriber_id"),
                    List.of(),
                    RowFilter.of("event_type", FilterOperator.EQUAL, "call"))),
            List.of("usage_by_day"),
            List.of());

    SqlStatement statement =
        compile("usage_by_day", Map.of("from", "2024-01-01", "to", "2024-01-31"), callsOnly);

    assertThat(statement.sql())
        .contains(
            "FROM (SELECT \"event_id\", \"event_type\", \"event_time\", \"duration_s\","
                + " \"bytes\", \"cell_id\", \"_batch_id\",")
        .contains(
            "WHERE \"_strata_rank\" = 1 AND \"event_type\" = ?)\nWHERE CAST(event_time AS DATE)"
                + " BETWEEN")
        .doesNotContain("subscriber_id");
    assertThat(statement.parameters())
        .containsExactly("call", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31));
  }

  @Test
  void refusesARoleThatDoesNotListTheReport() {
    assertRejected(
        "daily_balance",
        Map.of("from", "2024-01-01", "to", "2024-01-31"),
        role("data-scientist"),
        Problem.FORBIDDEN,
        "Role data-scientist may not run report daily_balance: access.yaml does not list it in the"
            + " role's reports");
  }

  @Test
  void refusesARoleThatListsTheReportButCannotSeeItsDataset() {
    RoleGrant telecomOnly =
        new RoleGrant(
            "telecom-only",
            "",
            false,
            List.of(),
            Map.of("telecom_usage", DatasetGrant.unrestricted("telecom_usage")),
            List.of("daily_balance"),
            List.of());

    assertRejected(
        "daily_balance",
        Map.of("from", "2024-01-01", "to", "2024-01-31"),
        telecomOnly,
        Problem.FORBIDDEN,
        "Role telecom-only may not run report daily_balance: it reads dataset bank_transactions,"
            + " which access.yaml grants the role no access to");
  }

  @Test
  void refusesMissingUnknownAndBadlyTypedArguments() {
    assertRejected(
        "daily_balance",
        Map.of("from", "2024-01-01"),
        role("analyst"),
        Problem.BAD_REQUEST,
        "args.to: report daily_balance requires parameter to");
    assertRejected(
        "daily_balance",
        Map.of("from", "2024-01-01", "to", "2024-01-31", "currency", "EUR"),
        role("analyst"),
        Problem.BAD_REQUEST,
        "args.currency: report daily_balance has no such parameter (it has: from, to)");
    assertRejected(
        "daily_balance",
        Map.of("from", "2024-01-01", "to", "'; DROP TABLE x; --"),
        role("analyst"),
        Problem.BAD_VALUE,
        "args.to: expected a date (yyyy-MM-dd) for parameter to, got \"'; DROP TABLE x; --\"");
    assertRejected(
        "daily_balance",
        Map.of("from", "0000-12-31", "to", "2024-01-31"),
        role("analyst"),
        Problem.BAD_VALUE,
        "args.from: a date for parameter from must lie in years 1 to 9999, got \"0000-12-31\"");
  }

  @Test
  void usesDefaultsForOptionalParameters() {
    ReportDefinition report =
        ReportLoader.parse(
            "by_currency.sql",
            "-- description: x\n-- parameters: {currency: {type: string, default: EUR},"
                + " min: {type: 'decimal(18,2)', default: 0}}\n"
                + "SELECT count(*) FROM {{bank_transactions}} WHERE currency = :currency AND"
                + " amount >= :min",
            demoContracts());
    Map<String, Object> args = new HashMap<>();
    args.put("min", "12.5");

    SqlStatement statement =
        ReportCompiler.compile(
            report, args, demoContracts(), QueryFixtures.admin(), ATHENA, lake::latest, LIMITS);

    assertThat(statement.parameters()).containsExactly("EUR", new java.math.BigDecimal("12.50"));
  }

  @Test
  void dropsCommentsAndLeavesLiteralsAsWritten() {
    ReportDefinition report =
        ReportLoader.parse(
            "notes.sql",
            "-- description: x\n-- parameters: {d: {type: date}}\n"
                + "SELECT '{{telecom_usage}} :d' AS note, count(*) AS n -- why? :d {{x}}\n"
                + "FROM /* the governed view */ {{bank_transactions}}\n"
                + "WHERE booking_date = :d /* last */",
            demoContracts());

    SqlStatement statement =
        ReportCompiler.compile(
            report,
            Map.of("d", "2024-01-15"),
            demoContracts(),
            QueryFixtures.admin(),
            ATHENA,
            lake::latest,
            LIMITS);

    assertThat(statement.sql())
        .startsWith("SELECT '{{telecom_usage}} :d' AS note, count(*) AS n  \nFROM   (SELECT ")
        .endsWith("\nWHERE booking_date = ?\nLIMIT 100000")
        .doesNotContain("why", "governed view", "last");
    assertThat(statement.parameters()).containsExactly(LocalDate.of(2024, 1, 15));
  }

  private static SqlStatement compile(String name, Map<String, Object> args, RoleGrant role) {
    return ReportCompiler.compile(
        REPORTS.get(name), args, demoContracts(), role, ATHENA, lake::latest, LIMITS);
  }

  private static void assertRejected(
      String name, Map<String, Object> args, RoleGrant role, Problem problem, String message) {
    assertThatThrownBy(() -> compile(name, args, role))
        .isInstanceOf(QueryRejectedException.class)
        .hasMessage(message)
        .extracting(e -> ((QueryRejectedException) e).problem())
        .isEqualTo(problem);
  }
}
