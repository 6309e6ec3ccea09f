package io.strata.core.testing;

import io.strata.core.store.ObjectStore;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistoryTables;
import io.strata.core.table.JdbcCatalogs;
import io.strata.core.table.ObjectStoreFileIO;
import java.util.UUID;
import org.apache.iceberg.jdbc.JdbcCatalog;

/** Iceberg catalogs for tests: the JDBC catalog on a fresh in-memory H2 database each. */
public final class TestCatalogs {

  /** The namespace (Glue database) tests keep their tables in. */
  public static final String DATABASE = "strata";

  private TestCatalogs() {}

  /** The history tables of a new, empty catalog over {@code store}'s history bucket. */
  public static HistoryTables tables(ObjectStore store, String historyBucket) {
    return new HistoryTables(inMemory(store), DATABASE, historyBucket, CommitRetry.DEFAULT);
  }

  /** A new, empty catalog whose table files go to {@code store}. */
  public static JdbcCatalog inMemory(ObjectStore store) {
    return JdbcCatalogs.h2Memory(
        "catalog-" + UUID.randomUUID(), DATABASE, new ObjectStoreFileIO(store));
  }
}
