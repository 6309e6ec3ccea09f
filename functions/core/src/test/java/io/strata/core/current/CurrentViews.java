package io.strata.core.current;

import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.Pii;
import io.strata.core.history.ParquetSchemas;
import io.strata.core.query.DemoLake;
import io.strata.core.query.QueryFixtures;
import io.strata.core.query.QueryPlan;
import io.strata.core.query.QueryRequest;
import io.strata.core.query.SortRequest;
import io.strata.core.query.SqlCompiler;
import io.strata.core.table.HistorySnapshot;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * The two answers a current table must agree on, both compiled by the query layer and run by DuckDB
 * over planned files: the current view derived from history (ranking every version), and every row
 * of the current table. All stored and lineage columns, ordered by key.
 */
final class CurrentViews {

  private CurrentViews() {}

  /** The derived current view over the history snapshot. */
  static List<String> derived(DemoLake lake, DatasetContract contract, Snapshot history)
      throws SQLException {
    Table table = lake.tables().load(contract.name()).orElseThrow();
    return lake.run(
        SqlCompiler.select(
            plan(contract, "current"), lake.dialect(), new HistorySnapshot(table, history, null)));
  }

  /** Every row of the current table at its latest snapshot. */
  static List<String> table(DemoLake lake, DatasetContract contract, Table current)
      throws SQLException {
    current.refresh();
    return lake.run(
        SqlCompiler.select(
            plan(contract, "history"),
            lake.dialect(),
            new HistorySnapshot(current, current.currentSnapshot(), null)));
  }

  private static QueryPlan plan(DatasetContract contract, String view) {
    List<String> columns = new ArrayList<>();
    for (ColumnSpec column : contract.columns()) {
      if (column.pii().mode() != Pii.PiiMode.DROP) {
        columns.add(column.name());
      }
    }
    columns.addAll(ParquetSchemas.LINEAGE_COLUMNS);
    List<SortRequest> order = new ArrayList<>();
    contract.key().forEach(k -> order.add(new SortRequest(k, "asc")));
    return QueryFixtures.livePlanner()
        .plan(
            contract,
            QueryFixtures.admin(),
            new QueryRequest(columns, null, order, 100_000, view, null));
  }
}
