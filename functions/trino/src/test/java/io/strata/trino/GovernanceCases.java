package io.strata.trino;

import static io.strata.trino.DemoHistory.BANK;
import static io.strata.trino.DemoHistory.TELECOM;
import static io.strata.trino.GeneratedSql.ALL;
import static io.strata.trino.GeneratedSql.BY_EVENT;
import static io.strata.trino.GeneratedSql.BY_ID;
import static io.strata.trino.GeneratedSql.filter;
import static io.strata.trino.GeneratedSql.request;

import io.strata.core.access.FilterOperator;
import io.strata.core.access.RoleGrant;
import io.strata.core.access.RowFilter;
import io.strata.core.query.FilterRequest;
import io.strata.core.query.QueryFixtures;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The governed cases: masked and hidden columns of every type, row filters of every operator (also
 * as of before a widening), both demo reports for each role that may run them, and exports (the
 * SELECT inside Athena's UNLOAD against the Parquet files DuckDB's COPY wrote).
 */
final class GovernanceCases {

  private GovernanceCases() {}

  static void add(GeneratedSql sql, DemoHistory history) {
    governance(sql, history);
    reports(sql);
    exports(sql, history);
  }

  private static void governance(GeneratedSql sql, DemoHistory history) {
    RoleGrant analyst = QueryFixtures.role("analyst");
    sql.query("bank as analyst (IBAN masked)", analyst, BANK, request("current", null, ALL, BY_ID))
        .query(
            "telecom as analyst (subscriber hidden)",
            analyst,
            TELECOM,
            request("current", null, ALL, BY_EVENT));
    RoleGrant masking =
        QueryFixtures.roleWith(
            "masking",
            QueryFixtures.grant(
                BANK,
                List.of("counterparty"),
                List.of("account_iban", "amount", "booking_date"),
                null));
    sql.query("bank every kind masked", masking, BANK, request("current", null, ALL, BY_ID));
    RoleGrant telecomMasking =
        QueryFixtures.roleWith(
            "telecom-masking",
            QueryFixtures.grant(
                TELECOM,
                List.of(),
                List.of("subscriber_id", "event_time", "duration_s", "roaming", "signal_dbm"),
                null));
    sql.query(
        "telecom every kind masked",
        telecomMasking,
        TELECOM,
        request("history", null, ALL, List.of()));
    rowFilter(sql, history, BANK, RowFilter.of("currency", FilterOperator.EQUAL, "EUR"));
    rowFilter(
        sql, history, BANK, new RowFilter("currency", FilterOperator.IN, List.of("EUR", "GBP")));
    rowFilter(sql, history, BANK, new RowFilter("currency", FilterOperator.NOT_IN, List.of("USD")));
    rowFilter(
        sql,
        history,
        BANK,
        RowFilter.of("booking_date", FilterOperator.EQUAL, LocalDate.of(2024, 1, 15)));
    rowFilter(
        sql,
        history,
        BANK,
        RowFilter.of("amount", FilterOperator.GREATER_OR_EQUAL, new BigDecimal("7.00")));
    rowFilter(
        sql,
        history,
        BANK,
        RowFilter.of("counterparty", FilterOperator.NOT_EQUAL, DemoHistory.HOSTILE));
    rowFilter(
        sql,
        history,
        TELECOM,
        RowFilter.of("event_time", FilterOperator.LESS, Instant.parse("2024-01-16T00:00:00Z")));
    rowFilter(sql, history, TELECOM, RowFilter.of("duration_s", FilterOperator.GREATER, 100L));
    rowFilter(sql, history, TELECOM, RowFilter.of("roaming", FilterOperator.EQUAL, true));
    rowFilter(
        sql, history, TELECOM, RowFilter.of("signal_dbm", FilterOperator.LESS_OR_EQUAL, -80.0));
    rowFilter(
        sql,
        history,
        TELECOM,
        new RowFilter("event_type", FilterOperator.IN, List.of("call", "data")));
  }

  /**
   * The row filter alone, with a caller's filter on the history view, and on the history view as of
   * the time before the dataset's widening.
   */
  private static void rowFilter(
      GeneratedSql sql, DemoHistory history, String dataset, RowFilter rowFilter) {
    RoleGrant role =
        QueryFixtures.roleWith(
            "filtered", QueryFixtures.grant(dataset, List.of(), List.of(), rowFilter));
    String name = dataset + " row filter " + rowFilter.column() + " " + rowFilter.operator();
    List<String> key = dataset.equals(BANK) ? BY_ID : BY_EVENT;
    sql.query(name, role, dataset, request("current", null, ALL, key))
        .query(
            name + ", history, caller filter",
            role,
            dataset,
            request(
                "history",
                null,
                ALL,
                List.of(),
                new FilterRequest(key.get(0), "is not null", null, null)))
        .query(
            name + ", history before the widening",
            role,
            dataset,
            request(
                "history",
                dataset.equals(BANK) ? history.beforeBankWidening : history.beforeWidening,
                ALL,
                List.of()));
  }

  private static void reports(GeneratedSql sql) {
    Map<String, Object> january = Map.of("from", "2024-01-01", "to", "2024-01-31");
    Map<String, Object> around = Map.of("from", "2024-01-14", "to", "2024-01-16");
    Map<String, Object> oneDay = Map.of("from", "2024-01-15", "to", "2024-01-15");
    sql.report("daily_balance as analyst", QueryFixtures.role("analyst"), "daily_balance", january)
        .report("daily_balance as admin, one day", QueryFixtures.admin(), "daily_balance", oneDay)
        .report("usage_by_day as analyst", QueryFixtures.role("analyst"), "usage_by_day", around)
        .report(
            "usage_by_day as data-scientist",
            QueryFixtures.role("data-scientist"),
            "usage_by_day",
            around)
        .report("usage_by_day as admin, one day", QueryFixtures.admin(), "usage_by_day", oneDay);
  }

  private static void exports(GeneratedSql sql, DemoHistory history) {
    sql.export(
            "export telecom as data-scientist",
            QueryFixtures.role("data-scientist"),
            TELECOM,
            request("current", history.afterEverything, ALL, List.of()))
        .export(
            "export bank history between the commits, filtered, as admin",
            QueryFixtures.admin(),
            BANK,
            request(
                "history",
                history.betweenBankCommits,
                ALL,
                List.of(),
                filter("currency", "!=", "USD")))
        .export(
            "export bank with every kind masked and a row filter",
            QueryFixtures.roleWith(
                "masking",
                QueryFixtures.grant(
                    BANK,
                    List.of("counterparty"),
                    List.of("account_iban", "amount", "booking_date"),
                    new RowFilter("currency", FilterOperator.IN, List.of("EUR", "GBP")))),
            BANK,
            request("current", history.afterEverything, ALL, List.of()));
  }
}
