package io.strata.core.query;

import static io.strata.core.query.QueryFixtures.planner;
import static io.strata.core.query.QueryFixtures.role;
import static io.strata.core.query.QueryFixtures.telecom;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets without files or without committed batches, and a day partition, on DuckDB. */
class DuckDbEmptyDatasetTest {

  private static final String EVENT =
      "{\"event_id\":\"E%d\",\"subscriber_id\":\"S1\",\"event_type\":\"call\","
          + "\"event_time\":\"%s\",\"duration_s\":60,\"bytes\":null,\"cell_id\":\"C1\"}\n";

  @TempDir Path dir;
  private DemoLake lake;

  @BeforeEach
  void openLake() throws SQLException {
    lake = new DemoLake(dir);
  }

  @AfterEach
  void closeLake() throws SQLException {
    lake.close();
  }

  @Test
  void aDatasetWithoutATableGivesAnEmptyResultWithItsColumns() throws SQLException {
    QueryPlan plan = planner().plan(telecom(), role("analyst"), null);
    SqlStatement select = lake.select(plan);

    assertThat(lake.run(select)).isEmpty();
    assertThat(lake.columnNames(select))
        .containsExactly("event_id", "event_type", "event_time", "duration_s", "bytes", "cell_id");
  }

  @Test
  void filesOfABatchThatNeverCommittedAreInvisible() throws SQLException {
    lake.ingestUncommitted(
        "telecom_usage/e.jsonl",
        String.format(EVENT, 1, "2024-01-14T23:30:00+01:00"),
        Instant.parse("2024-01-15T06:00:00Z"));

    QueryPlan plan =
        planner()
            .plan(
                telecom(),
                role("analyst"),
                new QueryRequest(null, null, null, null, "history", null));

    assertThat(lake.tables().load("telecom_usage")).isPresent();
    assertThat(lake.run(lake.select(plan))).isEmpty();
  }

  @Test
  void filtersOnTheSourceOfTheHiddenDayPartitionAndReadsTimestampsInUtc() throws SQLException {
    lake.ingest(
        "telecom_usage/e.jsonl",
        String.format(EVENT, 1, "2024-01-14T23:30:00+01:00")
            + String.format(EVENT, 2, "2024-01-15T00:30:00Z"),
        Instant.parse("2024-01-15T06:00:00Z"));

    QueryPlan plan =
        planner()
            .plan(
                telecom(),
                role("analyst"),
                new QueryRequest(
                    List.of("event_id", "event_time"),
                    List.of(
                        QueryFixtures.filter("event_time", ">=", "2024-01-14T00:00:00Z"),
                        QueryFixtures.filter("event_time", "<", "2024-01-15T00:00:00Z")),
                    null,
                    null,
                    null,
                    null));

    assertThat(lake.run(lake.select(plan))).containsExactly("E1|2024-01-14T22:30Z");
    assertThat(
            lake.query(
                "SELECT typeof(event_time) FROM "
                    + lake.dialect()
                        .historyRelation(
                            telecom(),
                            QueryableColumns.of(telecom()),
                            lake.snapshot("telecom_usage", null))
                    + " LIMIT 1"))
        .containsExactly("TIMESTAMP WITH TIME ZONE");
  }
}
