package io.strata.aws.glue;

import io.strata.core.materialize.ReportTables;
import io.strata.core.table.CommitRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.iceberg.catalog.Catalog;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The materialized reports' tables, in the catalog the history tables use (Glue, or the local
 * lake's own): database {@code <lake database>_reports}, files under {@code _reports/} of the
 * history bucket.
 */
@ApplicationScoped
public class ReportTablesWiring {

  // A singleton, not application-scoped: a final class cannot have a client proxy.
  @Produces
  @Singleton
  ReportTables reportTables(
      Catalog catalog,
      CatalogConfig config,
      @ConfigProperty(name = "strata.history-bucket") String historyBucket) {
    return new ReportTables(catalog, config.database(), historyBucket, CommitRetry.DEFAULT);
  }
}
