package io.strata.api.query;

import io.strata.core.catalog.Catalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether a dataset has a table in the catalog yet: a contract exists before its first ingest, and
 * until then there is nothing to read (Athena would fail with TABLE_NOT_FOUND). One catalog read
 * per query; it is small next to the query itself.
 */
@ApplicationScoped
public class KnownTables {

  @Inject Catalog catalog;

  /** Whether the dataset's table exists in the catalog. */
  public boolean exists(String dataset) {
    return catalog.table(dataset).isPresent();
  }
}
