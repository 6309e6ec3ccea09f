package io.strata.local.api;

import io.strata.api.setup.ApiConfig;
import io.strata.core.export.ExportFinisher;
import io.strata.core.query.DuckDbDialect;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryLabel;
import io.strata.core.query.SqlDialect;
import io.strata.core.store.ObjectStore;
import io.strata.local.LocalLakeConfig;
import io.strata.local.query.DuckDbEngineSettings;
import io.strata.local.query.DuckDbQueryEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The local lake answers the query API with DuckDB in place of Athena, reading the data files
 * Iceberg plans for a snapshot straight from the in-process S3 server's folders. Each statement
 * belongs to the principal its label names, so every caller keeps results within its own share of
 * memory. An export is finished (its manifest written) as soon as the engine completes it, whether
 * or not anyone polls it, as Athena's state-change event finishes it in AWS.
 */
@ApplicationScoped
public class LocalQueryWiring {

  @Produces
  @ApplicationScoped
  SqlDialect dialect(LocalLakeConfig local) {
    return new DuckDbDialect(Path.of(local.dataDir()).toAbsolutePath());
  }

  @Produces
  @ApplicationScoped
  QueryEngine engine(LocalQueryConfig config, ObjectStore store, ApiConfig api) {
    DuckDbEngineSettings settings =
        new DuckDbEngineSettings(
            config.threads(),
            config.duckDbThreads(),
            config.maxRowsKept(),
            config.maxQueriesKept(),
            config.maxRowsPerCaller(),
            config.timeout());
    return new DuckDbQueryEngine(
        settings,
        Clock.systemUTC(),
        statement -> QueryLabel.of(statement.sql()).map(QueryLabel::owner).orElse(""),
        new ExportFinisher(store, api.analyticsBucket())::finish);
  }

  void close(@Disposes QueryEngine engine) {
    if (engine instanceof DuckDbQueryEngine duckDb) {
      duckDb.close();
    }
  }
}
