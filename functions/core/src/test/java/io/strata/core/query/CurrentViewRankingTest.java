package io.strata.core.query;

import static io.strata.core.query.QueryFixtures.admin;
import static io.strata.core.query.QueryFixtures.bank;
import static io.strata.core.query.QueryFixtures.planner;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.DatasetContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The current view's ranking: the contract's sequence column first, then arrival. */
class CurrentViewRankingTest {

  private static final QueryRequest CURRENT =
      new QueryRequest(List.of("transaction_id"), null, null, null, "current", null);

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

  private static String athenaSql(QueryPlan plan) {
    return SqlCompiler.select(
            plan, new AthenaDialect("strata"), lake.snapshot(plan.dataset(), plan.asOf()))
        .sql();
  }

  @Test
  void ranksByArrivalWhenTheContractHasNoSequenceColumn() {
    String sql = athenaSql(planner().plan(bank(), admin(), CURRENT));

    assertThat(sql)
        .contains(
            "row_number() OVER (PARTITION BY \"transaction_id\" ORDER BY \"_ingested_at\" DESC,"
                + " \"_batch_id\" DESC, \"_source_line\" DESC) AS \"_strata_rank\"");
  }

  @Test
  void ranksByTheSequenceColumnBeforeArrival() {
    DatasetContract b = bank();
    DatasetContract sequenced =
        new DatasetContract(
            b.name(),
            b.version(),
            b.description(),
            b.format(),
            b.csv(),
            b.columns(),
            b.key(),
            b.partitions(),
            b.errorPolicy(),
            b.extraColumns(),
            b.schemaEvolution(),
            "booking_date");

    String sql = athenaSql(planner().plan(sequenced, admin(), CURRENT));

    assertThat(sql)
        .contains(
            "row_number() OVER (PARTITION BY \"transaction_id\" ORDER BY \"booking_date\" DESC,"
                + " \"_ingested_at\" DESC, \"_batch_id\" DESC, \"_source_line\" DESC) AS"
                + " \"_strata_rank\"");
  }
}
