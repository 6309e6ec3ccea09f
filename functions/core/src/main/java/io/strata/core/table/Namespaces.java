package io.strata.core.table;

import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;

/**
 * Makes sure a catalog namespace exists, whichever writer creates it first. In AWS the CDK app
 * creates the Glue databases; the local lake's catalog creates its namespaces on first use, where
 * several ingests or followers may race for the same one.
 */
public final class Namespaces {

  private Namespaces() {}

  /**
   * Creates {@code namespace} unless it exists; a catalog without namespaces is left alone.
   *
   * @throws RuntimeException when the namespace can neither be created nor found afterwards
   */
  public static void ensure(Catalog catalog, Namespace namespace) {
    if (!(catalog instanceof SupportsNamespaces namespaces)
        || namespaces.namespaceExists(namespace)) {
      return;
    }
    try {
      namespaces.createNamespace(namespace, Map.of());
    } catch (RuntimeException e) {
      // A writer that created it between the look and the create wins the race; Iceberg's JDBC
      // catalog then fails on its unique key (UncheckedSQLException), not AlreadyExistsException.
      if (!namespaces.namespaceExists(namespace)) {
        throw e;
      }
    }
  }
}
