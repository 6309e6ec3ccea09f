package io.strata.core.materialize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.query.AthenaDialect;
import io.strata.core.query.QueryFixtures;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.testing.TestCatalogs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statement serving a materialized table, as Athena gets it. */
class MaterializedReadTest {

  @TempDir Path dir;

  @Test
  void athenaReadsTheReportColumnsOfExactlyTheSnapshotFoundCurrentInReportOrder() {
    ReportTables tables =
        new ReportTables(
            TestCatalogs.inMemory(new FileSystemObjectStore(dir)),
            "strata_lake",
            "history",
            CommitRetry.DEFAULT);
    ResultSchema result =
        ResultSchema.of(
            List.of(
                new io.strata.core.query.ResultColumn("currency", "varchar"),
                new io.strata.core.query.ResultColumn("total", "decimal(38,2)")));
    Table table = tables.loadOrCreate("totals", "data-scientist", result.schema());
    table
        .newAppend()
        .appendFile(
            ResultParquet.write(table, result, List.of(), table.location() + "/data/a.parquet"))
        .commit();
    MaterializedSnapshot materialized =
        new MaterializedSnapshot(
            tables.namespace(),
            ReportTables.tableName("totals", "data-scientist"),
            new HistorySnapshot(table, table.currentSnapshot(), null),
            Map.of("bank_transactions", 7L),
            java.time.Instant.EPOCH,
            List.of("currency", "total"));

    String sql =
        MaterializedRead.statement(
                materialized, new AthenaDialect("strata_lake"), QueryFixtures.LIMITS)
            .sql();

    assertThat(sql)
        .isEqualTo(
            "SELECT \"currency\", \"total\" FROM (SELECT \"currency\", \"total\","
                + " \"_strata_row\" FROM \"strata_lake_reports\".\"totals__data_scientist\""
                + " FOR VERSION AS OF "
                + table.currentSnapshot().snapshotId()
                + ") AS m ORDER BY \"_strata_row\" LIMIT 100000");
  }

  @Test
  void aResultColumnNamedLikeTheRowColumnIsRefused() {
    assertThatThrownBy(
            () ->
                ResultSchema.of(
                    List.of(new io.strata.core.query.ResultColumn("_strata_row", "bigint"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column _strata_row is reserved; give each output column its own name with AS");
  }
}
