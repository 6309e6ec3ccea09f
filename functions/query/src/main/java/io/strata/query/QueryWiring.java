package io.strata.query;

import io.strata.aws.glue.CatalogConfig;
import io.strata.core.query.AthenaDialect;
import io.strata.core.query.SqlDialect;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The query Lambda compiles for Athena, against the lake's Glue database. */
@ApplicationScoped
public class QueryWiring {

  @Produces
  @ApplicationScoped
  SqlDialect dialect(CatalogConfig catalog) {
    return new AthenaDialect(catalog.database());
  }
}
