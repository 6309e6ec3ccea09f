package io.strata.core.materialize;

import io.strata.core.access.RoleGrant;
import io.strata.core.contract.DatasetContract;
import io.strata.core.ingest.CommitFollower;
import io.strata.core.report.ReportDefinition;
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

  private final ReportMaterializer materializer;
  private final Supplier<ReportRules> rules;

  public MaterializeFollower(ReportMaterializer materializer, Supplier<ReportRules> rules) {
    this.materializer = Objects.requireNonNull(materializer, "materializer");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  @Override
  public void follow(DatasetContract contract, Table history, Snapshot committed) {
    ReportRules current = rules.get();
    for (ReportDefinition report : current.reports().values()) {
      if (!report.materialized() || !report.datasets().contains(contract.name())) {
        continue;
      }
      for (RoleGrant role : current.rolesOf(report)) {
        try {
          ReportMaterializer.Refresh refresh =
              materializer.refresh(report, role, current.contracts());
          LOG.debug(
              "Report {} for role {} after snapshot {}: {}",
              report.name(),
              role.name(),
              committed.snapshotId(),
              refresh.outcome());
        } catch (RuntimeException e) {
          LOG.warn(
              "Cannot refresh materialized report {} for role {} after snapshot {} of {}; it runs"
                  + " live until a refresh succeeds: {}",
              report.name(),
              role.name(),
              committed.snapshotId(),
              contract.name(),
              e.getMessage());
        }
      }
    }
  }
}
