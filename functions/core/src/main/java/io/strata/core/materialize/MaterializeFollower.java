package io.strata.core.materialize;

import io.strata.core.contract.DatasetContract;
import io.strata.core.ingest.CommitFollower;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes, after every committed batch of a dataset, each {@code materialize: on_commit} report
 * that reads it, once per role that may run it. A refresh that fails does not fail the batch: the
 * API serves a stale or missing table by running the report live, and the next commit catches up,
 * so a report that cannot be materialized (a column type a table cannot hold, an engine outage)
 * never holds up ingestion. Failures are logged with the report and role; the messages of a refresh
 * name tables, columns and queries, never row values.
 */
public final class MaterializeFollower implements CommitFollower {

  private static final Logger LOG = LoggerFactory.getLogger(MaterializeFollower.class);

  private final ReportRefresher refresher;
  private final Supplier<ReportRules> rules;

  public MaterializeFollower(ReportMaterializer materializer, Supplier<ReportRules> rules) {
    this.refresher = new ReportRefresher(Objects.requireNonNull(materializer, "materializer"));
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  @Override
  public void follow(DatasetContract contract, Table history, Snapshot committed) {
    List<ReportRefresher.Result> results =
        refresher.refresh(rules.get(), report -> report.datasets().contains(contract.name()));
    for (ReportRefresher.Result result : results) {
      if (result.failed()) {
        LOG.warn(
            "Cannot refresh materialized report {} for role {} after snapshot {} of {}; it runs"
                + " live until a refresh succeeds: {}",
            result.report(),
            result.role(),
            committed.snapshotId(),
            contract.name(),
            result.failure());
      } else {
        LOG.debug(
            "Report {} for role {} after snapshot {}: {}",
            result.report(),
            result.role(),
            committed.snapshotId(),
            result.outcome());
      }
    }
  }
}
