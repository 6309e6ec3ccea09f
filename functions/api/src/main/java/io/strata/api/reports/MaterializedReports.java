package io.strata.api.reports;

import io.strata.api.query.Materialization;
import io.strata.core.access.RoleGrant;
import io.strata.core.contract.DatasetContract;
import io.strata.core.materialize.MaterializedRead;
import io.strata.core.materialize.MaterializedSnapshot;
import io.strata.core.materialize.ReportMaterializer;
import io.strata.core.materialize.ReportTables;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryLimits;
import io.strata.core.query.SqlDialect;
import io.strata.core.query.SqlStatement;
import io.strata.core.report.ReportDefinition;
import io.strata.core.table.HistoryTables;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how a materialized report is served to a role: from the role's own table when it reflects
 * the latest history snapshots under the role's current rules, live otherwise. The table is looked
 * up by the caller's role only, so another role's result is never read.
 */
@ApplicationScoped
public class MaterializedReports {

  private static final Logger LOG = LoggerFactory.getLogger(MaterializedReports.class);

  /** Serving never refreshes; the timeout is the follower's concern, not this bean's. */
  private static final Duration UNUSED_TIMEOUT = Duration.ofMinutes(1);

  @Inject ReportTables tables;
  @Inject HistoryTables history;
  @Inject QueryEngine engine;
  @Inject SqlDialect dialect;
  @Inject QueryLimits limits;

  private ReportMaterializer materializer;

  @PostConstruct
  void init() {
    materializer = new ReportMaterializer(tables, history, engine, dialect, limits, UNUSED_TIMEOUT);
  }

  /**
   * How to serve the report.
   *
   * @param statement the statement reading the role's table, or null to run the report live
   * @param materialization what the answer says about it
   */
  public record Serving(SqlStatement statement, Materialization materialization) {}

  /** How to serve a materialized report to the role. */
  public Serving serving(
      ReportDefinition report, RoleGrant role, Map<String, DatasetContract> contracts) {
    try {
      var current = materializer.current(report, role, contracts);
      if (current.isPresent()) {
        MaterializedSnapshot table = current.get();
        return new Serving(
            MaterializedRead.statement(table, dialect, limits),
            Materialization.materialized(table.materializedAt(), table.sources()));
      }
      String reason = tables.load(report.name(), role.name()).isPresent() ? "stale" : "missing";
      return new Serving(null, Materialization.live(reason));
    } catch (io.strata.core.query.QueryRejectedException e) {
      throw e; // the live run refuses it with the same message
    } catch (RuntimeException e) {
      LOG.warn(
          "Cannot read the materialized table of report {} for role {}, running it live: {}",
          report.name(),
          role.name(),
          e.getMessage());
      return new Serving(null, Materialization.live("unavailable"));
    }
  }
}
