package io.strata.core.report;

import static io.strata.core.query.QueryFixtures.demoContracts;
import static io.strata.core.query.QueryFixtures.role;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.query.DemoLake;
import io.strata.core.query.QueryFixtures;
import io.strata.core.query.SqlStatement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo reports run on DuckDB over demo rows written by the ingest path. */
class DemoReportsDuckDbTest {

  private static final String EVENT =
      "{\"event_id\":\"E%d\",\"subscriber_id\":\"S%d\",\"event_type\":\"%s\","
          + "\"event_time\":\"%s\",\"duration_s\":%s,\"bytes\":%s,\"cell_id\":\"%s\"}\n";

  @TempDir Path dir;

  @Test
  void dailyBalanceSumsTheCurrentVersionOfEachTransactionPerDayAndCurrency() throws Exception {
    try (DemoLake lake = new DemoLake(dir)) {
      lake.ingest(
          "bank_transactions/a.csv",
          DemoLake.BANK_HEADER
              + "TX0000000001,DE89370400440532013000,2024-01-14,12.50,EUR,Bakery Ltd,POS\n"
              + "TX0000000002,GB29NWBK60161331926819,2024-01-15,-100.00,GBP,,ONLINE\n"
              + "TX0000000003,FR1420041010050500013M02606,2024-01-15,7.00,EUR,Cafe,\n"
              + "TX0000000004,FR1420041010050500013M02606,2024-02-01,5.00,EUR,Cafe,\n",
          Instant.parse("2024-01-15T06:00:00Z"));
      lake.ingest(
          "bank_transactions/b.csv",
          DemoLake.BANK_HEADER
              + "TX0000000002,GB29NWBK60161331926819,2024-01-15,-90.00,GBP,,ONLINE\n"
              + "TX0000000005,DE89370400440532013000,2024-01-15,3.00,EUR,,ATM\n",
          Instant.parse("2024-01-16T06:00:00Z"));

      SqlStatement statement =
          compile("daily_balance", Map.of("from", "2024-01-01", "to", "2024-01-31"), lake);

      assertThat(lake.run(statement))
          .containsExactly(
              "2024-01-14|EUR|12.50|1", "2024-01-15|EUR|10.00|2", "2024-01-15|GBP|-90.00|1");
    }
  }

  @Test
  void usageByDayAggregatesEventsPerUtcDay() throws Exception {
    try (DemoLake lake = new DemoLake(dir)) {
      lake.ingest(
          "telecom_usage/e.jsonl",
          String.format(EVENT, 1, 1, "call", "2024-01-14T23:30:00+01:00", 60, "null", "C1")
              + String.format(EVENT, 2, 2, "sms", "2024-01-14T10:00:00Z", "null", "null", "C2")
              + String.format(EVENT, 3, 1, "data", "2024-01-15T08:00:00Z", "null", 2048, "C1")
              + String.format(EVENT, 4, 3, "call", "2024-01-15T09:00:00Z", 30, "null", "C1"),
          Instant.parse("2024-01-16T06:00:00Z"));

      SqlStatement statement =
          compile("usage_by_day", Map.of("from", "2024-01-14", "to", "2024-01-15"), lake);

      assertThat(lake.run(statement))
          .containsExactly("2024-01-14|2|1|1|0|60|0|2", "2024-01-15|2|1|0|1|30|2048|1");
    }
  }

  private static SqlStatement compile(String name, Map<String, Object> args, DemoLake lake) {
    Map<String, ReportDefinition> reports =
        ReportLoader.load(QueryFixtures.DATASETS.resolve("reports"), demoContracts());
    return ReportCompiler.compile(
        reports.get(name),
        args,
        demoContracts(),
        role("analyst"),
        lake.dialect(),
        lake::latest,
        QueryFixtures.LIMITS);
  }
}
