package io.strata.core.query;

import static io.strata.core.query.QueryFixtures.admin;
import static io.strata.core.query.QueryFixtures.bank;
import static io.strata.core.query.QueryFixtures.planner;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.DatasetContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The current view's ranking: the contract's sequence column first, then arrival. */
class CurrentViewRankingTest {

  private static final QueryRequest CURRENT =
      new QueryRequest(List.of("transaction_id"), null, null, null, "current", null);

  @Test
  void ranksByArrivalWhenTheContractHasNoSequenceColumn() {
    String sql =
        SqlCompiler.select(planner().plan(bank(), admin(), CURRENT), new AthenaDialect("strata"))
            .sql();

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
            b.catalog(),
            "booking_date");

    String sql =
        SqlCompiler.select(planner().plan(sequenced, admin(), CURRENT), new AthenaDialect("strata"))
            .sql();

    assertThat(sql)
        .contains(
            "row_number() OVER (PARTITION BY \"transaction_id\" ORDER BY \"booking_date\" DESC,"
                + " \"_ingested_at\" DESC, \"_batch_id\" DESC, \"_source_line\" DESC) AS"
                + " \"_strata_rank\"");
  }
}
