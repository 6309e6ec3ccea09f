package io.strata.core.materialize;

import static io.strata.core.query.QueryFixtures.demoContracts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.access.DatasetGrant;
import io.strata.core.access.RoleGrant;
import io.strata.core.query.DemoLake;
import io.strata.core.query.QueryFixtures;
import io.strata.core.report.ReportCompiler;
import io.strata.core.report.ReportDefinition;
import io.strata.core.report.ReportLoader;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.TableException;
import io.strata.core.testing.TestCatalogs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMaterializerTest {

  private static final String TOTALS =
      """
      -- description: Per currency, the sum of the amounts.
      -- materialize: on_commit
      SELECT currency, sum(amount) AS total, count(*) AS n
      FROM {{bank_transactions}}
      GROUP BY currency
      ORDER BY currency
      """;

  private static final String ROWS =
      """
      -- description: Every current transaction.
      -- materialize: on_commit
      SELECT * FROM {{bank_transactions}} ORDER BY transaction_id
      """;

  @TempDir Path dir;
  private DemoLake lake;
  private ReportTables tables;

  @BeforeEach
  void lake() throws Exception {
    lake = new DemoLake(dir);
    tables =
        new ReportTables(
            lake.catalog(),
            TestCatalogs.DATABASE,
            DemoLake.HISTORY,
            new CommitRetry(40, Duration.ofMillis(5), Duration.ofMillis(100)));
    ingest("a.csv", "TX0000000001,DE89370400440532013000,2024-01-14,12.50,EUR,Bakery Ltd,POS\n");
  }

  @AfterEach
  void close() throws Exception {
    lake.close();
  }

  @Test
  void refreshesOnceAndThenFindsTheTableCurrent() throws Exception {
    DuckDbTestEngine engine = new DuckDbTestEngine(Duration.ZERO);
    ReportDefinition report = report("totals", TOTALS);
    RoleGrant admin = QueryFixtures.admin();

    ReportMaterializer.Refresh first = materializer(engine).refresh(report, admin, demoContracts());
    ReportMaterializer.Refresh again = materializer(engine).refresh(report, admin, demoContracts());

    assertThat(first.outcome()).isEqualTo(ReportMaterializer.Outcome.REFRESHED);
    assertThat(again.outcome()).isEqualTo(ReportMaterializer.Outcome.UP_TO_DATE);
    assertThat(again.snapshot().snapshotId()).isEqualTo(first.snapshot().snapshotId());
    assertThat(engine.started()).isEqualTo(1);
    Table table = tables.load("totals", "admin").orElseThrow();
    assertThat(table.location()).isEqualTo("s3://strata-history/_reports/totals/admin");
    assertThat(table.name()).endsWith("strata_reports.totals__admin");
    assertThat(table.snapshots()).hasSize(1);
    long history = lake.latest("bank_transactions").orElseThrow().snapshot().snapshotId();
    assertThat(first.snapshot().summary())
        .containsEntry(RefreshTarget.SOURCES, "bank_transactions=" + history);
    assertThat(served(report, admin, engine)).containsExactly("EUR|12.50|1");
  }

  @Test
  void aNewHistorySnapshotMakesTheTableStaleUntilTheNextRefresh() throws Exception {
    DuckDbTestEngine engine = new DuckDbTestEngine(Duration.ZERO);
    ReportDefinition report = report("totals", TOTALS);
    RoleGrant admin = QueryFixtures.admin();
    materializer(engine).refresh(report, admin, demoContracts());

    ingest("b.csv", "TX0000000002,GB29NWBK60161331926819,2024-01-15,-100.00,GBP,,ONLINE\n");

    assertThat(materializer(engine).current(report, admin, demoContracts())).isEmpty();
    ReportMaterializer.Refresh refresh =
        materializer(engine).refresh(report, admin, demoContracts());
    assertThat(refresh.outcome()).isEqualTo(ReportMaterializer.Outcome.REFRESHED);
    assertThat(served(report, admin, engine)).containsExactly("EUR|12.50|1", "GBP|-100.00|1");
    assertThat(tables.load("totals", "admin").orElseThrow().snapshots()).hasSize(2);
  }

  @Test
  void concurrentRefreshesOfTheSameSnapshotsCommitOnce() throws Exception {
    // Every query takes a while, so all refreshes run theirs before any of them commits.
    DuckDbTestEngine engine = new DuckDbTestEngine(Duration.ofMillis(300));
    ReportDefinition report = report("totals", TOTALS);
    RoleGrant admin = QueryFixtures.admin();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ReportMaterializer.Refresh>> refreshes = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        refreshes.add(
            pool.submit(
                () -> {
                  go.await();
                  return materializer(engine).refresh(report, admin, demoContracts());
                }));
      }
      go.countDown();
      List<ReportMaterializer.Outcome> outcomes = new ArrayList<>();
      for (Future<ReportMaterializer.Refresh> refresh : refreshes) {
        outcomes.add(refresh.get().outcome());
      }

      assertThat(outcomes)
          .containsExactlyInAnyOrder(
              ReportMaterializer.Outcome.REFRESHED,
              ReportMaterializer.Outcome.UP_TO_DATE,
              ReportMaterializer.Outcome.UP_TO_DATE,
              ReportMaterializer.Outcome.UP_TO_DATE);
      assertThat(engine.started()).isGreaterThan(1);
      Table table = tables.load("totals", "admin").orElseThrow();
      assertThat(table.snapshots()).hasSize(1);
      assertThat(served(report, admin, engine)).containsExactly("EUR|12.50|1");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eachRoleGetsItsOwnTableComputedUnderItsOwnRules() throws Exception {
    DuckDbTestEngine engine = new DuckDbTestEngine(Duration.ZERO);
    ReportDefinition report = report("rows", ROWS);
    RoleGrant admin = QueryFixtures.admin();
    RoleGrant clerk =
        role(
            "clerk",
            new DatasetGrant("bank_transactions", List.of("counterparty"), List.of(), null),
            "rows");
    RoleGrant auditor =
        role(
            "auditor",
            new DatasetGrant("bank_transactions", List.of(), List.of("account_iban"), null),
            "rows");

    for (RoleGrant role : List.of(admin, clerk, auditor)) {
      materializer(engine).refresh(report, role, demoContracts());
    }

    Table clerkTable = tables.load("rows", "clerk").orElseThrow();
    Table adminTable = tables.load("rows", "admin").orElseThrow();
    assertThat(clerkTable.schema().findField("counterparty")).isNull();
    assertThat(adminTable.schema().findField("counterparty")).isNotNull();
    assertThat(materializer(engine).current(report, clerk, demoContracts()).orElseThrow().columns())
        .doesNotContain("counterparty")
        .contains("transaction_id", "account_iban");
    assertThat(lake.query("SELECT * FROM " + files(clerkTable)).toString())
        .doesNotContain("Bakery Ltd");
    assertThat(lake.query("SELECT * FROM " + files(adminTable)).toString()).contains("Bakery Ltd");
    assertThat(served(report, auditor, engine)).hasSize(1);
    assertThat(served(report, auditor, engine).get(0))
        .contains("TX0000000001")
        .doesNotContain("DE89370400440532013000")
        .isEqualTo(live(report, auditor).get(0));
  }

  @Test
  void changedRulesOfTheRoleMakeItsTableStale() throws Exception {
    DuckDbTestEngine engine = new DuckDbTestEngine(Duration.ZERO);
    ReportDefinition report = report("rows", ROWS);
    RoleGrant before =
        role("clerk", new DatasetGrant("bank_transactions", List.of(), List.of(), null), "rows");
    RoleGrant after =
        role(
            "clerk",
            new DatasetGrant("bank_transactions", List.of("counterparty"), List.of(), null),
            "rows");
    materializer(engine).refresh(report, before, demoContracts());

    assertThat(materializer(engine).current(report, before, demoContracts())).isPresent();
    assertThat(materializer(engine).current(report, after, demoContracts())).isEmpty();
  }

  @Test
  void aResultColumnATableCannotHoldIsRefusedByName() throws Exception {
    ReportDefinition report =
        report(
            "lists",
            """
            -- description: Lists.
            -- materialize: on_commit
            SELECT list_value(1, 2) AS pair FROM {{bank_transactions}}
            """);

    assertThatThrownBy(
            () ->
                materializer(new DuckDbTestEngine(Duration.ZERO))
                    .refresh(report, QueryFixtures.admin(), demoContracts()))
        .isInstanceOf(TableException.class)
        .hasMessageStartingWith(
            "Cannot materialize report lists: column pair has type array(integer), which a"
                + " materialized table does not hold");
    assertThat(tables.load("lists", "admin")).isEmpty();
  }

  @Test
  void theFollowerRefreshesOnceForDuplicateCommitsAndOnlyForRolesThatMayRunTheReport()
      throws Exception {
    DuckDbTestEngine engine = new DuckDbTestEngine(Duration.ZERO);
    ReportDefinition report = report("totals", TOTALS);
    RoleGrant stranger =
        role("stranger", new DatasetGrant("bank_transactions", List.of(), List.of(), null));
    ReportRules rules =
        new ReportRules(
            Map.of("totals", report), demoContracts(), List.of(QueryFixtures.admin(), stranger));
    MaterializeFollower follower = new MaterializeFollower(materializer(engine), () -> rules);
    Table history = lake.tables().load("bank_transactions").orElseThrow();

    follower.follow(QueryFixtures.bank(), history, history.currentSnapshot());
    follower.follow(QueryFixtures.bank(), history, history.currentSnapshot());

    assertThat(tables.load("totals", "admin").orElseThrow().snapshots()).hasSize(1);
    assertThat(tables.load("totals", "stranger")).isEmpty();
    assertThat(engine.started()).isEqualTo(1);
  }

  @Test
  void aFailingRefreshDoesNotFailTheCommitItFollows() throws Exception {
    ReportDefinition report =
        report(
            "lists",
            """
            -- description: Lists.
            -- materialize: on_commit
            SELECT list_value(1, 2) AS pair FROM {{bank_transactions}}
            """);
    ReportRules rules =
        new ReportRules(Map.of("lists", report), demoContracts(), List.of(QueryFixtures.admin()));
    MaterializeFollower follower =
        new MaterializeFollower(materializer(new DuckDbTestEngine(Duration.ZERO)), () -> rules);
    Table history = lake.tables().load("bank_transactions").orElseThrow();

    follower.follow(QueryFixtures.bank(), history, history.currentSnapshot());

    assertThat(tables.load("lists", "admin")).isEmpty();
  }

  private ReportMaterializer materializer(DuckDbTestEngine engine) {
    return new ReportMaterializer(
        tables,
        lake.tables(),
        engine,
        lake.dialect(),
        QueryFixtures.LIMITS,
        Duration.ofSeconds(30));
  }

  /** The rows the serving statement reads from the role's current table. */
  private List<String> served(ReportDefinition report, RoleGrant role, DuckDbTestEngine engine)
      throws Exception {
    MaterializedSnapshot current =
        materializer(engine).current(report, role, demoContracts()).orElseThrow();
    return lake.run(MaterializedRead.statement(current, lake.dialect(), QueryFixtures.LIMITS));
  }

  /** The rows of a live run of the report by the role. */
  private List<String> live(ReportDefinition report, RoleGrant role) throws Exception {
    return lake.run(
        ReportCompiler.compile(
            report,
            Map.of(),
            demoContracts(),
            role,
            lake.dialect(),
            lake::latest,
            QueryFixtures.LIMITS));
  }

  private String files(Table table) {
    List<String> paths = new ArrayList<>();
    table
        .currentSnapshot()
        .addedDataFiles(table.io())
        .forEach(f -> paths.add("'" + lake.dir().resolve(f.location().substring(5)) + "'"));
    return "read_parquet([" + String.join(", ", paths) + "])";
  }

  private void ingest(String name, String rows) {
    lake.ingest(
        "bank_transactions/" + name,
        DemoLake.BANK_HEADER + rows,
        Instant.parse("2024-01-15T06:00:00Z"));
  }

  private static ReportDefinition report(String name, String text) {
    return ReportLoader.parse(name + ".sql", text, demoContracts());
  }

  private static RoleGrant role(String name, DatasetGrant grant, String... reports) {
    return new RoleGrant(
        name, "", false, List.of(), Map.of(grant.dataset(), grant), List.of(reports), List.of());
  }
}
