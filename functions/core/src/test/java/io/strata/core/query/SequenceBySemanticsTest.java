package io.strata.core.query;

import static io.strata.core.query.QueryFixtures.admin;
import static io.strata.core.query.QueryFixtures.livePlanner;
import static io.strata.core.query.QueryFixtures.planner;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.DirectoryContractRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-dropping an old file is a new object version, so it is ingested again and its rows arrive
 * last. With {@code sequence_by} the current view still shows the newest facts; without it arrival
 * order wins and the old values come back. Both datasets get the same three drops on real history,
 * executed by DuckDB exactly as compiled.
 */
class SequenceBySemanticsTest {

  private static final String CONTRACT =
      """
      name: %s
      version: 1
      format: csv
      columns:
        - {name: account_id, type: string, required: true}
        - {name: balance, type: "decimal(18,2)", required: true}
        - {name: updated_at, type: timestamp, required: true}
      key: [account_id]
      %s
      """;
  private static final String HEADER = "account_id,balance,updated_at\n";
  private static final String MONDAY =
      HEADER
          + "A1,100.00,2024-01-15T10:00:00Z\n"
          + "A2,50.00,2024-01-15T10:00:00Z\n"
          + "A3,7.00,2024-01-15T10:00:00Z\n";
  private static final String TUESDAY_CORRECTION =
      HEADER + "A1,120.00,2024-01-16T09:00:00Z\n" + "A3,8.00,2024-01-15T10:00:00Z\n";

  @TempDir static Path lakeDir;
  @TempDir static Path datasets;
  private static DemoLake lake;
  private static DirectoryContractRepository contracts;
  private static final java.util.Map<String, Instant> afterCorrection = new java.util.HashMap<>();

  @BeforeAll
  static void dropMondayTheCorrectionThenMondayAgain() throws IOException, SQLException {
    Files.writeString(
        datasets.resolve("accounts.yaml"),
        CONTRACT.formatted("accounts", "sequence_by: updated_at"));
    Files.writeString(
        datasets.resolve("accounts_by_arrival.yaml"),
        CONTRACT.formatted("accounts_by_arrival", ""));
    contracts = new DirectoryContractRepository(datasets);
    lake = new DemoLake(lakeDir, contracts);
    for (String dataset : List.of("accounts", "accounts_by_arrival")) {
      String key = dataset + "/daily.csv";
      lake.ingest(key, MONDAY, Instant.parse("2024-01-15T12:00:00Z"));
      lake.ingest(
          dataset + "/correction.csv", TUESDAY_CORRECTION, Instant.parse("2024-01-16T12:00:00Z"));
      afterCorrection.put(dataset, DemoLake.between());
      // The same file uploaded again: a new object version, ingested as a new batch.
      lake.ingest(key, MONDAY, Instant.parse("2024-01-17T12:00:00Z"));
    }
  }

  @AfterAll
  static void closeLake() throws SQLException {
    lake.close();
  }

  @Test
  void withSequenceByAReDroppedOldFileDoesNotPutOldValuesBack() throws SQLException {
    assertThat(current("accounts", null))
        .containsExactly(
            "A1|120.00|2024-01-16T09:00Z",
            "A2|50.00|2024-01-15T10:00Z",
            "A3|7.00|2024-01-15T10:00Z");
  }

  @Test
  void withSequenceByEqualSequenceValuesFallBackToArrivalOrder() throws SQLException {
    // A3's correction kept its updated_at; the re-drop of Monday arrived after it and wins the tie.
    assertThat(current("accounts", afterCorrection.get("accounts").toString()))
        .contains("A3|8.00|2024-01-15T10:00Z");
    assertThat(current("accounts", null)).contains("A3|7.00|2024-01-15T10:00Z");
  }

  @Test
  void withoutSequenceByArrivalOrderWinsAndTheReDropRevertsTheCorrection() throws SQLException {
    assertThat(current("accounts_by_arrival", null))
        .containsExactly(
            "A1|100.00|2024-01-15T10:00Z",
            "A2|50.00|2024-01-15T10:00Z",
            "A3|7.00|2024-01-15T10:00Z");
  }

  @Test
  void asOfBeforeTheReDropBothShowTheCorrection() throws SQLException {
    for (String dataset : List.of("accounts", "accounts_by_arrival")) {
      assertThat(current(dataset, afterCorrection.get(dataset).toString()))
          .as(dataset)
          .containsExactly(
              "A1|120.00|2024-01-16T09:00Z",
              "A2|50.00|2024-01-15T10:00Z",
              "A3|8.00|2024-01-15T10:00Z");
    }
  }

  @Test
  void historyKeepsEveryVersionEitherWay() throws SQLException {
    QueryPlan plan =
        planner()
            .plan(
                contract("accounts"),
                admin(),
                new QueryRequest(
                    List.of("account_id", "balance"),
                    null,
                    List.of(
                        new SortRequest("account_id", "asc"),
                        new SortRequest("_ingested_at", "asc")),
                    null,
                    "history",
                    null));

    assertThat(lake.run(lake.select(plan)))
        .containsExactly(
            "A1|100.00",
            "A1|120.00",
            "A1|100.00",
            "A2|50.00",
            "A2|50.00",
            "A3|7.00",
            "A3|8.00",
            "A3|7.00");
  }

  private static List<String> current(String dataset, String asOf) throws SQLException {
    QueryPlan plan =
        livePlanner()
            .plan(
                contract(dataset),
                admin(),
                new QueryRequest(
                    List.of("account_id", "balance", "updated_at"),
                    null,
                    List.of(new SortRequest("account_id", "asc")),
                    null,
                    "current",
                    asOf));
    return lake.run(lake.select(plan));
  }

  private static DatasetContract contract(String dataset) {
    return contracts.find(dataset).orElseThrow();
  }
}
