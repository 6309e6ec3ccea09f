package io.strata.core.query;

import static io.strata.core.query.QueryFixtures.bank;
import static io.strata.core.query.QueryFixtures.filter;
import static io.strata.core.query.QueryFixtures.filterValues;
import static io.strata.core.query.QueryFixtures.grant;
import static io.strata.core.query.QueryFixtures.role;
import static io.strata.core.query.QueryFixtures.roleWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.access.FilterOperator;
import io.strata.core.access.RoleGrant;
import io.strata.core.access.RowFilter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Time travel, visibility, masking and row filters on real history written by the ingest path,
 * executed by DuckDB exactly as compiled.
 */
class DuckDbSemanticsTest {

  private static final String HOSTILE = "O'Brien \"Ltd\"; --";

  @TempDir static Path dir;
  private static DemoLake lake;
  private static String first;
  private static String second;
  private static Instant beforeFirst;
  private static Instant betweenDrops;
  private static Instant secondWritten;

  @BeforeAll
  static void ingestTwoDropsAndAnUncommittedThird() throws SQLException {
    lake = new DemoLake(dir);
    beforeFirst = DemoLake.between();
    first =
        lake.ingest(
            "bank_transactions/2024/01/15/tx.csv",
            DemoLake.BANK_HEADER
                + "TX0000000001,DE89370400440532013000,2024-01-14,12.50,EUR,Bakery Ltd,POS\n"
                + "TX0000000002,GB29NWBK60161331926819,2024-01-15,-100.00,GBP,,ONLINE\n"
                + "TX0000000003,FR1420041010050500013M02606,2024-01-15,7.00,USD,Cafe,\n",
            Instant.parse("2024-01-15T06:00:00Z"));
    betweenDrops = DemoLake.between();
    second =
        lake.ingest(
            "bank_transactions/2024/01/16/tx.csv",
            DemoLake.BANK_HEADER
                + "TX0000000002,GB29NWBK60161331926819,2024-01-15,-90.00,GBP,,ONLINE\n"
                + "TX0000000003,FR1420041010050500013M02606,2024-01-15,7.00,EUR,Cafe,\n"
                + "TX0000000004,DE89370400440532013000,2024-01-16,250.00,USD,"
                + "\"O'Brien \"\"Ltd\"\"; --\",BRANCH\n",
            Instant.parse("2024-01-16T06:00:00Z"));
    secondWritten = lake.lastDataFile();
    lake.ingestUncommitted(
        "bank_transactions/2024/01/17/tx.csv",
        DemoLake.BANK_HEADER
            + "TX0000000001,DE89370400440532013000,2024-01-14,99.99,EUR,Bakery Ltd,POS\n"
            + "TX0000000005,DE89370400440532013000,2024-01-17,1.00,EUR,,ATM\n",
        Instant.parse("2024-01-17T06:00:00Z"));
  }

  @AfterAll
  static void closeLake() throws SQLException {
    lake.close();
  }

  @Test
  void currentShowsTheLatestCommittedVersionOfEachKey() throws SQLException {
    assertThat(run(request(null, null)))
        .containsExactly(
            "TX0000000001|12.50|EUR",
            "TX0000000002|-90.00|GBP",
            "TX0000000003|7.00|EUR",
            "TX0000000004|250.00|USD");
  }

  @Test
  void historyShowsEveryCommittedVersion() throws SQLException {
    assertThat(run(request("history", null)))
        .containsExactly(
            "TX0000000001|12.50|EUR",
            "TX0000000002|-100.00|GBP",
            "TX0000000002|-90.00|GBP",
            "TX0000000003|7.00|USD",
            "TX0000000003|7.00|EUR",
            "TX0000000004|250.00|USD");
  }

  @Test
  void asOfBetweenTheCommitsShowsTheDatasetAsItWasKnownThen() throws SQLException {
    List<String> firstDrop =
        List.of("TX0000000001|12.50|EUR", "TX0000000002|-100.00|GBP", "TX0000000003|7.00|USD");

    assertThat(run(request("current", betweenDrops.toString()))).isEqualTo(firstDrop);
    assertThat(run(request("history", betweenDrops.toString()))).isEqualTo(firstDrop);
    assertThat(run(request("current", beforeFirst.toString()))).isEmpty();
  }

  @Test
  void aBatchThatArrivedBeforeAsOfButCommittedAfterItIsNotVisible() throws SQLException {
    // The second drop arrived on 2024-01-16 (its _ingested_at), long before betweenDrops, but
    // its snapshot was committed after it: asOf reads the snapshot current then.
    assertThat(run(request("current", betweenDrops.toString())))
        .containsExactly(
            "TX0000000001|12.50|EUR", "TX0000000002|-100.00|GBP", "TX0000000003|7.00|USD");
    assertThat(run(request("current", DemoLake.between().toString())))
        .containsExactly(
            "TX0000000001|12.50|EUR",
            "TX0000000002|-90.00|GBP",
            "TX0000000003|7.00|EUR",
            "TX0000000004|250.00|USD");
  }

  @Test
  void anAsOfBetweenABatchsWriteAndItsCommitExcludesIt() throws SQLException {
    // The second drop's files were being written at secondWritten; its snapshot came later.
    assertThat(secondWritten).isAfter(betweenDrops);
    assertThat(run(request("history", secondWritten.toString())))
        .containsExactly(
            "TX0000000001|12.50|EUR", "TX0000000002|-100.00|GBP", "TX0000000003|7.00|USD");
  }

  @Test
  void theFilesOfABatchThatNeverCommittedAreOnDiskButInNoSnapshot() throws SQLException {
    assertThat(
            lake.query(
                "SELECT count(*) FROM read_parquet('"
                    + dir.resolve(DemoLake.HISTORY).resolve("bank_transactions/data")
                    + "/**/*.parquet') WHERE amount = 99.99"))
        .containsExactly("1");
    assertThat(run(request("history", null))).noneMatch(row -> row.contains("99.99"));
  }

  @Test
  void masksStringsToTheirLastFourCharactersAndOtherTypesToNull() throws SQLException {
    RoleGrant role =
        roleWith(
            "auditor",
            grant("bank_transactions", List.of(), List.of("counterparty", "amount"), null));
    QueryPlan plan =
        QueryFixtures.livePlanner()
            .plan(
                bank(),
                role,
                query(List.of("transaction_id", "counterparty", "amount"), null, "history", null));

    assertThat(lake.run(lake.select(plan)))
        .containsExactly(
            "TX0000000001|****** Ltd|null",
            "TX0000000002|null|null",
            "TX0000000002|null|null",
            "TX0000000003|****|null",
            "TX0000000003|****|null",
            "TX0000000004|*************; --|null");
  }

  @Test
  void analystSeesTheStoredIbanMaskedAgain() throws SQLException {
    QueryPlan plan =
        QueryFixtures.livePlanner()
            .plan(
                bank(),
                role("analyst"),
                query(List.of("transaction_id", "account_iban"), null, null, null));

    assertThat(lake.run(lake.select(plan)))
        .containsExactly(
            "TX0000000001|******************3000",
            "TX0000000002|******************6819",
            "TX0000000003|***********************2606",
            "TX0000000004|******************3000");
  }

  @Test
  void appliesTheRowFilterAfterRankingSoAnOlderVersionNeverPassesForCurrent() throws SQLException {
    RoleGrant usdOnly =
        roleWith(
            "usd-desk",
            grant(
                "bank_transactions",
                List.of(),
                List.of(),
                RowFilter.of("currency", FilterOperator.EQUAL, "USD")));

    QueryPlan current = QueryFixtures.livePlanner().plan(bank(), usdOnly, request(null, null));
    QueryPlan history = QueryFixtures.livePlanner().plan(bank(), usdOnly, request("history", null));

    assertThat(lake.run(lake.select(current))).containsExactly("TX0000000004|250.00|USD");
    assertThat(lake.run(lake.select(history)))
        .containsExactly("TX0000000003|7.00|USD", "TX0000000004|250.00|USD");
  }

  static Stream<Arguments> filtersAndTheKeysTheyKeep() {
    return Stream.of(
        Arguments.of(filter("currency", "=", "EUR"), List.of(1, 3)),
        Arguments.of(filter("currency", "!=", "EUR"), List.of(2, 4)),
        Arguments.of(filter("amount", "<", 7), List.of(2)),
        Arguments.of(filter("amount", "<=", "7.00"), List.of(2, 3)),
        Arguments.of(filter("amount", ">", 7.0), List.of(1, 4)),
        Arguments.of(filter("amount", ">=", new java.math.BigDecimal("12.5")), List.of(1, 4)),
        Arguments.of(filterValues("currency", "in", "GBP", "USD"), List.of(2, 4)),
        Arguments.of(
            filterValues("booking_date", "between", "2024-01-15", "2024-01-16"), List.of(2, 3, 4)),
        Arguments.of(filter("booking_date", ">", "2024-01-14"), List.of(2, 3, 4)),
        Arguments.of(filter("counterparty", "is null", null), List.of(2)),
        Arguments.of(filter("counterparty", "is not null", null), List.of(1, 3, 4)),
        Arguments.of(filter("counterparty", "starts with", "O'Brien \""), List.of(4)),
        Arguments.of(filter("counterparty", "=", HOSTILE), List.of(4)),
        Arguments.of(filter("counterparty", "=", "x'; DROP TABLE t; --"), List.of()),
        Arguments.of(filter("counterparty", "starts with", "%"), List.of()),
        Arguments.of(filter("_ingested_at", ">=", "2024-01-16T00:00:00Z"), List.of(2, 3, 4)),
        Arguments.of(filter("_source_line", "=", 2), List.of(1, 2)),
        Arguments.of(filter("channel", "=", "ATM"), List.of()));
  }

  @ParameterizedTest
  @MethodSource("filtersAndTheKeysTheyKeep")
  void everyOperatorSelectsTheRightCurrentRows(FilterRequest filter, List<Integer> keys)
      throws SQLException {
    QueryPlan plan =
        QueryFixtures.livePlanner()
            .plan(
                bank(),
                role("analyst"),
                query(List.of("transaction_id"), List.of(filter), null, null));

    assertThat(lake.run(lake.select(plan)))
        .containsExactlyElementsOf(keys.stream().map(k -> String.format("TX%010d", k)).toList());
  }

  @Test
  void filtersOnTheBatchLineage() throws SQLException {
    QueryPlan plan =
        QueryFixtures.livePlanner()
            .plan(
                bank(),
                role("analyst"),
                query(
                    List.of("transaction_id", "_batch_id", "_source_key"),
                    List.of(filter("_batch_id", "=", first)),
                    "history",
                    null));

    assertThat(lake.run(lake.select(plan)))
        .containsExactly(
            "TX0000000001|" + first + "|bank_transactions/2024/01/15/tx.csv",
            "TX0000000002|" + first + "|bank_transactions/2024/01/15/tx.csv",
            "TX0000000003|" + first + "|bank_transactions/2024/01/15/tx.csv");
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void limitsAndOrdersRows() throws SQLException {
    QueryPlan plan =
        QueryFixtures.livePlanner()
            .plan(
                bank(),
                role("analyst"),
                new QueryRequest(
                    List.of("transaction_id", "amount"),
                    null,
                    List.of(new SortRequest("amount", "desc")),
                    2,
                    "history",
                    null));

    assertThat(lake.run(lake.select(plan)))
        .containsExactly("TX0000000004|250.00", "TX0000000001|12.50");
  }

  @Test
  void exportsTheRowsAsParquetThatReadsBackWithTheRightCount() throws SQLException {
    QueryPlan plan =
        QueryFixtures.livePlanner()
            .plan(
                bank(),
                role("admin"),
                new QueryRequest(null, null, null, 1, "history", DemoLake.between().toString()));

    SqlStatement export =
        SqlCompiler.export(
            plan,
            lake.dialect(),
            lake.snapshot("bank_transactions", plan.asOf()),
            "s3://" + DemoLake.ANALYTICS + "/exports/bank_transactions/e1/data/");
    List<String> copied = lake.run(export);

    Path data = dir.resolve(DemoLake.ANALYTICS).resolve("exports/bank_transactions/e1/data");
    assertThat(copied).containsExactly("updated 6");
    assertThat(
            lake.query(
                "SELECT count(*), count(DISTINCT transaction_id) FROM read_parquet('"
                    + data
                    + "/*.parquet')"))
        .containsExactly("6|4");
    assertThat(export.sql()).doesNotContain("LIMIT");
  }

  private static QueryRequest request(String view, String asOf) {
    return new QueryRequest(
        List.of("transaction_id", "amount", "currency"),
        null,
        List.of(new SortRequest("transaction_id", "asc"), new SortRequest("_ingested_at", "asc")),
        null,
        view,
        asOf);
  }

  private static QueryRequest query(
      List<String> columns, List<FilterRequest> filters, String view, String asOf) {
    return new QueryRequest(
        columns,
        filters,
        List.of(new SortRequest("transaction_id", "asc"), new SortRequest("_ingested_at", "asc")),
        null,
        view,
        asOf);
  }

  private static List<String> run(QueryRequest request) throws SQLException {
    QueryPlan plan = QueryFixtures.livePlanner().plan(bank(), role("analyst"), request);
    return lake.run(lake.select(plan));
  }
}
