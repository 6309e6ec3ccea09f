package io.strata.core.current;

import static io.strata.core.query.QueryFixtures.filter;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.access.FilterOperator;
import io.strata.core.access.RoleGrant;
import io.strata.core.access.RowFilter;
import io.strata.core.query.AthenaDialect;
import io.strata.core.query.DemoLake;
import io.strata.core.query.QueryFixtures;
import io.strata.core.query.QueryPlan;
import io.strata.core.query.QueryRequest;
import io.strata.core.query.SortRequest;
import io.strata.core.query.SqlCompiler;
import io.strata.core.query.SqlStatement;
import io.strata.core.table.HistorySnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The current view reads the current table when it reflects the snapshot the query reads, under the
 * same role rules, with the same answer as the view derived from history; otherwise (asOf, a table
 * behind history, no table) it is derived from history.
 */
class CurrentTableQueryTest {

  private static final String HEADER = DemoLake.BANK_HEADER;
  private static final Instant MONDAY = Instant.parse("2024-01-15T06:00:00Z");

  @TempDir static Path dir;
  private static DemoLake lake;
  private static CurrentTables current;
  private static Instant beforeUpdates;

  @BeforeAll
  static void ingestAndUpdate() throws Exception {
    lake = new DemoLake(dir);
    current = new CurrentTables(lake.tables());
    lake.following(new CurrentFollower(current));
    lake.ingest(
        "bank_transactions/a.csv",
        HEADER
            + "TX0000000001,DE89370400440532013000,2024-01-15,10.00,EUR,Shop,POS\n"
            + "TX0000000002,DE89370400440532013001,2024-01-15,20.00,EUR,Rent,ONLINE\n"
            + "TX0000000003,DE89370400440532013002,2024-01-16,30.00,USD,,ATM\n",
        MONDAY);
    beforeUpdates = DemoLake.between();
    // TX1 leaves EUR, TX3 joins it: an older version must not pass the role's row filter.
    lake.ingest(
        "bank_transactions/b.csv",
        HEADER
            + "TX0000000001,DE89370400440532013000,2024-01-15,11.00,USD,Shop,POS\n"
            + "TX0000000003,DE89370400440532013002,2024-01-16,31.00,EUR,,ATM\n",
        MONDAY.plusSeconds(3600));
  }

  @AfterAll
  static void close() throws Exception {
    lake.close();
  }

  @Test
  void currentViewReadsTheCurrentTableUnderTheRoleRulesWithTheDerivedAnswer() throws Exception {
    RoleGrant euroAnalyst =
        QueryFixtures.roleWith(
            "euro",
            QueryFixtures.grant(
                "bank_transactions",
                List.of("counterparty"),
                List.of("account_iban"),
                new RowFilter("currency", FilterOperator.EQUAL, List.of("EUR"))));
    QueryPlan plan =
        QueryFixtures.livePlanner()
            .plan(
                QueryFixtures.bank(),
                euroAnalyst,
                new QueryRequest(
                    List.of("transaction_id", "account_iban", "amount", "currency"),
                    List.of(filter("amount", ">", "15")),
                    List.of(new SortRequest("transaction_id", "asc")),
                    null,
                    "current",
                    null));
    HistorySnapshot latest = lake.latest("bank_transactions").orElseThrow();
    HistorySnapshot attached = current.attach("bank_transactions", latest);
    assertThat(attached.currentTable()).isNotNull();

    SqlStatement fromCurrent = SqlCompiler.select(plan, lake.dialect(), attached);
    SqlStatement derived = SqlCompiler.select(plan, lake.dialect(), latest);

    assertThat(fromCurrent.sql())
        .contains("/_current/bank_transactions/")
        .doesNotContain("row_number");
    assertThat(derived.sql()).contains("row_number").doesNotContain("/_current/");
    assertThat(lake.run(fromCurrent))
        .isEqualTo(lake.run(derived))
        .containsExactly(
            "TX0000000002|******************3001|20.00|EUR",
            "TX0000000003|******************3002|31.00|EUR");
  }

  @Test
  void aQueryAsOfThePastDerivesFromHistory() {
    HistorySnapshot past =
        lake.tables().snapshotAt("bank_transactions", beforeUpdates).orElseThrow();

    assertThat(current.attach("bank_transactions", past).currentTable()).isNull();
  }

  @Test
  void aCurrentTableThatDoesNotReflectTheSnapshotReadIsNotRead() {
    Table history = lake.tables().load("bank_transactions").orElseThrow();
    HistorySnapshot older =
        new HistorySnapshot(history, history.snapshot(history.currentSnapshot().parentId()), null);

    assertThat(current.attach("bank_transactions", older).currentTable()).isNull();
  }

  @Test
  void aDatasetWithoutCurrentTableDerivesFromHistory() throws Exception {
    try (DemoLake old = DemoLake.withOneDropEach(dir.resolve("old"))) {
      HistorySnapshot latest = old.latest("bank_transactions").orElseThrow();

      assertThat(new CurrentTables(old.tables()).attach("bank_transactions", latest).currentTable())
          .isNull();
    }
  }

  @Test
  void athenaReadsTheCurrentTablePinnedToTheSnapshotThatReflectsHistory() {
    QueryPlan plan =
        QueryFixtures.livePlanner()
            .plan(
                QueryFixtures.bank(),
                QueryFixtures.role("analyst"),
                new QueryRequest(
                    List.of("transaction_id", "amount"), null, null, null, null, null));
    HistorySnapshot attached =
        current.attach("bank_transactions", lake.latest("bank_transactions").orElseThrow());

    String sql = SqlCompiler.select(plan, new AthenaDialect("strata"), attached).sql();

    assertThat(sql)
        .contains(
            "FROM \"strata_current\".\"bank_transactions\" FOR VERSION AS OF "
                + attached.currentTable().snapshot().snapshotId())
        .doesNotContain("row_number");
  }
}
