package io.strata.reports;

import io.strata.aws.glue.CatalogConfig;
import io.strata.core.materialize.ReportMaterializer;
import io.strata.core.materialize.ReportRefresher;
import io.strata.core.materialize.ReportTables;
import io.strata.core.query.AthenaDialect;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryLimits;
import io.strata.core.rules.Location;
import io.strata.core.rules.RuleFiles;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.HistoryTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The refresh's parts: reports compiled for Athena against the lake's Glue database with the query
 * API's row cap, run on Athena, kept in the report tables; the rule files where the API reads them.
 */
@ApplicationScoped
public class RefreshWiring {

  // Singletons, not application-scoped: final classes cannot have client proxies.
  @Produces
  @Singleton
  ReportRefresher refresher(
      ReportTables tables,
      HistoryTables history,
      QueryEngine engine,
      CatalogConfig catalog,
      RefreshConfig config) {
    int maxLimit = config.query().maxLimit();
    return new ReportRefresher(
        new ReportMaterializer(
            tables,
            history,
            engine,
            new AthenaDialect(catalog.database()),
            // A report is capped at the maximum; the default limit is for structured queries.
            new QueryLimits(1, maxLimit),
            config.refresh().queryTimeout()));
  }

  @Produces
  @Singleton
  RuleFiles ruleFiles(ObjectStore store, RefreshConfig config) {
    return new RuleFiles(
        store,
        Location.parse(config.access().location()),
        Location.parse(config.reports().location()));
  }
}
