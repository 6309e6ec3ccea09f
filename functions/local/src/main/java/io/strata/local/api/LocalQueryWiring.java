package io.strata.local.api;

import io.strata.core.query.DuckDbDialect;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.SqlDialect;
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
 * Iceberg plans for a snapshot straight from the in-process S3 server's folders.
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
  QueryEngine engine() {
    return new DuckDbQueryEngine(DuckDbEngineSettings.defaults(), Clock.systemUTC());
  }

  void close(@Disposes QueryEngine engine) {
    if (engine instanceof DuckDbQueryEngine duckDb) {
      duckDb.close();
    }
  }
}
