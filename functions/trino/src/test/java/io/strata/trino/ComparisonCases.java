package io.strata.trino;

import static io.strata.trino.DemoHistory.BANK;
import static io.strata.trino.DemoHistory.TELECOM;
import static io.strata.trino.GeneratedSql.ALL;
import static io.strata.trino.GeneratedSql.BY_EVENT;
import static io.strata.trino.GeneratedSql.BY_ID;
import static io.strata.trino.GeneratedSql.filter;
import static io.strata.trino.GeneratedSql.filterValues;
import static io.strata.trino.GeneratedSql.request;

import io.strata.core.access.RoleGrant;
import io.strata.core.query.FilterRequest;
import io.strata.core.query.QueryFixtures;
import io.strata.core.query.QueryRequest;
import io.strata.core.query.SortRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the check compiles: structured queries in every view and at instants around commits (before,
 * at and just after one, before each widening), filters of every operator on every column type, a
 * contract newer than its table, and the cases of {@link GovernanceCases}.
 */
final class ComparisonCases {

  private ComparisonCases() {}

  static List<Comparison> all(S3Lake lake, DemoHistory history) {
    GeneratedSql sql = new GeneratedSql(lake);
    bankViews(sql, history);
    bankFilters(sql);
    telecom(sql, history);
    GovernanceCases.add(sql, history);
    return sql.comparisons();
  }

  private static void bankViews(GeneratedSql sql, DemoHistory history) {
    RoleGrant admin = QueryFixtures.admin();
    List<String> lineage =
        List.of(
            "transaction_id", "amount", "_batch_id", "_ingested_at", "_source_key", "_source_line");
    List<String> versions = List.of("transaction_id", "_ingested_at");
    sql.query("bank current", admin, BANK, request("current", null, ALL, BY_ID))
        .query(
            "bank history with lineage", admin, BANK, request("history", null, lineage, versions))
        .query("bank current, no order", admin, BANK, request(null, null, ALL, List.of()))
        .query(
            "bank top 2 by amount",
            admin,
            BANK,
            new QueryRequest(
                null, null, List.of(new SortRequest("amount", "desc")), 2, "current", null));
    Instant commit = history.secondBankCommit;
    Map<String, Instant> instants =
        Map.of(
            "before the first commit",
            history.beforeFirstCommit,
            "between the commits",
            history.betweenBankCommits,
            "1 microsecond before the second commit",
            commit.minusNanos(1_000),
            "at the second commit's millisecond",
            commit,
            "1 microsecond after the second commit",
            commit.plusNanos(1_000),
            "999 microseconds after the second commit",
            commit.plusNanos(999_000));
    instants.forEach(
        (label, asOf) ->
            sql.query(
                    "bank current asOf " + label, admin, BANK, request("current", asOf, ALL, BY_ID))
                .query(
                    "bank history asOf " + label,
                    admin,
                    BANK,
                    request("history", asOf, lineage, versions)));
  }

  private static void bankFilters(GeneratedSql sql) {
    RoleGrant admin = QueryFixtures.admin();
    Object[][] filters = {
      {"transaction_id", "=", "TX0000000002"},
      {"currency", "!=", "EUR"},
      {"amount", "<", 0},
      {"amount", "<=", "7.00"},
      {"amount", ">", new BigDecimal("7")},
      {"amount", ">=", new BigDecimal("250.00")},
      {"booking_date", "<", "2024-01-15"},
      {"booking_date", ">=", "2024-01-15"},
      {"counterparty", "=", DemoHistory.HOSTILE},
      {"counterparty", "=", DemoHistory.UNICODE},
      {"counterparty", "starts with", "O'Brien \""},
      {"counterparty", "starts with", "Ünï"},
      {"account_iban", "starts with", "DE89"},
    };
    singleValueFilters(sql, BANK, "current", BY_ID, filters);
    sql.query(
            "bank filter currency in",
            admin,
            BANK,
            request("history", null, ALL, List.of(), filterValues("currency", "in", "EUR", "GBP")))
        .query(
            "bank filter booking_date between",
            admin,
            BANK,
            request(
                "current",
                null,
                ALL,
                BY_ID,
                filterValues("booking_date", "between", "2024-01-15", "2024-01-16")))
        .query(
            "bank filter amount between",
            admin,
            BANK,
            request("history", null, ALL, List.of(), filterValues("amount", "between", -100, 7.0)))
        .query(
            "bank filter counterparty is null",
            admin,
            BANK,
            request(
                "current",
                null,
                ALL,
                BY_ID,
                new FilterRequest("counterparty", "is null", null, null)))
        .query(
            "bank filter channel is not null and amount > 0",
            admin,
            BANK,
            request(
                "current",
                null,
                ALL,
                BY_ID,
                new FilterRequest("channel", "is not null", null, null),
                filter("amount", ">", 0)))
        .query(
            "bank filter _ingested_at > (lineage timestamp)",
            admin,
            BANK,
            request(
                "history",
                null,
                ALL,
                List.of(),
                filter("_ingested_at", ">", "2024-01-15T12:00:00Z")));
  }

  private static void telecom(GeneratedSql sql, DemoHistory history) {
    RoleGrant admin = QueryFixtures.admin();
    sql.query("telecom current", admin, TELECOM, request("current", null, ALL, BY_EVENT))
        .query("telecom history", admin, TELECOM, request("history", null, ALL, List.of()))
        .query(
            "telecom current asOf before the widening",
            admin,
            TELECOM,
            request("current", history.beforeWidening, ALL, BY_EVENT))
        .query(
            "telecom history asOf before the widening, filter duration_s",
            admin,
            TELECOM,
            request(
                "history", history.beforeWidening, ALL, BY_EVENT, filter("duration_s", ">=", 60)))
        .query(
            "telecom history asOf before the widening, duration_s is not null",
            admin,
            TELECOM,
            request(
                "history",
                history.beforeWidening,
                ALL,
                List.of(),
                new FilterRequest("duration_s", "is not null", null, null)))
        .query(
            "telecom history asOf before the widening, filter duration_s in",
            admin,
            TELECOM,
            request(
                "history",
                history.beforeWidening,
                ALL,
                List.of(),
                filterValues("duration_s", "in", 60, DemoHistory.PAST_INT)))
        .query(
            "bank history asOf before amount was widened, filter amount >=",
            admin,
            BANK,
            request(
                "history", history.beforeBankWidening, ALL, List.of(), filter("amount", ">=", 7)))
        .query(
            "telecom current under contract v3 (a column no batch wrote)",
            admin,
            DemoHistory.telecomV3(),
            request("current", null, ALL, BY_EVENT))
        .query(
            "telecom v3 asOf before the widening",
            admin,
            DemoHistory.telecomV3(),
            request("current", history.beforeWidening, ALL, BY_EVENT));
    Object[][] filters = {
      {"event_time", "=", DemoHistory.MICROS},
      {"event_time", "=", DemoHistory.BEFORE_MIDNIGHT},
      {"event_time", "<", "2024-01-16T00:00:00Z"},
      {"event_time", ">=", "2024-01-16T01:00:00+01:00"},
      {"event_time", ">", "2024-01-16T08:00:00Z"},
      {"duration_s", ">", 2147483647},
      {"duration_s", "=", 2147483647},
      {"duration_s", "<=", 61},
      {"bytes", ">=", DemoHistory.PAST_DOUBLE},
      {"bytes", "=", DemoHistory.PAST_DOUBLE - 1},
      {"roaming", "=", true},
      {"roaming", "!=", true},
      {"signal_dbm", "<", -80.5},
      {"signal_dbm", "=", -71.5},
      {"event_type", "!=", "sms"},
      {"cell_id", "starts with", "C"},
    };
    singleValueFilters(sql, TELECOM, "history", List.of(), filters);
    sql.query(
            "telecom filter event_time between, around midnight",
            admin,
            TELECOM,
            request(
                "current",
                null,
                ALL,
                BY_EVENT,
                filterValues(
                    "event_time",
                    "between",
                    DemoHistory.BEFORE_MIDNIGHT,
                    "2024-01-16T00:00:00.000001Z")))
        .query(
            "telecom filter duration_s in",
            admin,
            TELECOM,
            request(
                "history",
                null,
                ALL,
                List.of(),
                filterValues("duration_s", "in", 60, 61, DemoHistory.PAST_INT)))
        .query(
            "telecom filter roaming is null",
            admin,
            TELECOM,
            request(
                "history",
                null,
                ALL,
                List.of(),
                new FilterRequest("roaming", "is null", null, null)))
        .query(
            "telecom filter signal_dbm between",
            admin,
            TELECOM,
            request(
                "current",
                null,
                ALL,
                BY_EVENT,
                filterValues("signal_dbm", "between", -100, -71.5)));
  }

  /** One query per {column, operator, value} as an admin, in the view, sorted so. */
  private static void singleValueFilters(
      GeneratedSql sql, String dataset, String view, List<String> sort, Object[][] filters) {
    for (Object[] f : filters) {
      sql.query(
          dataset + " filter " + f[0] + " " + f[1] + " " + f[2],
          QueryFixtures.admin(),
          dataset,
          request(view, null, ALL, sort, filter((String) f[0], (String) f[1], f[2])));
    }
  }
}
