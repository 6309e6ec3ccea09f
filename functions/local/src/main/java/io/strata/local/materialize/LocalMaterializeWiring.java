package io.strata.local.materialize;

import io.strata.api.setup.LakeRules;
import io.strata.core.ingest.CommitFollower;
import io.strata.core.materialize.MaterializeFollower;
import io.strata.core.materialize.ReportMaterializer;
import io.strata.core.materialize.ReportRules;
import io.strata.core.materialize.ReportTables;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryLimits;
import io.strata.core.query.SqlDialect;
import io.strata.core.table.HistoryTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * The local lake refreshes {@code materialize: on_commit} reports inside ingestion, right after
 * each commit and before its manifest: DuckDB runs a report over local files in milliseconds, so
 * the table is current by the time the batch is reported done. The rules are those the API serves
 * (the same reports, contracts and roles, reloaded as they change).
 */
@ApplicationScoped
public class LocalMaterializeWiring {

  /** A refresh's query runs on the local engine; one this slow is a broken report. */
  private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(5);

  @Produces
  @Singleton
  CommitFollower materializedReports(
      ReportTables tables,
      HistoryTables history,
      QueryEngine engine,
      SqlDialect dialect,
      QueryLimits limits,
      LakeRules rules) {
    ReportMaterializer materializer =
        new ReportMaterializer(tables, history, engine, dialect, limits, QUERY_TIMEOUT);
    return new MaterializeFollower(
        materializer,
        () -> {
          LakeRules.Snapshot current = rules.latest();
          return new ReportRules(
              current.reports(),
              current.contracts(),
              List.copyOf(current.policy().roles().values()));
        });
  }
}
