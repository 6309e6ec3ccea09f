package io.strata.core.table;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.JdbcClientPool;

/**
 * Iceberg's JDBC catalog on an embedded H2 database, the local lake's (and the tests') stand-in for
 * the Glue Data Catalog: commits are conditional on the metadata location read, as Glue's are on
 * its {@code VersionId}. Table files go through the given {@link FileIO}, never Hadoop's.
 */
public final class JdbcCatalogs {

  private JdbcCatalogs() {}

  /**
   * A catalog in an H2 database file at {@code path} (without the {@code .mv.db} suffix). A
   * relative path is taken from the working directory: H2 itself refuses one that does not start
   * with {@code ./}.
   */
  public static JdbcCatalog h2File(Path path, String database, FileIO io) {
    return open("jdbc:h2:file:" + path.toAbsolutePath(), database, io);
  }

  /** A catalog in an H2 in-memory database that lives as long as the JVM; {@code name} keys it. */
  public static JdbcCatalog h2Memory(String name, String database, FileIO io) {
    return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", database, io);
  }

  /**
   * Opens the catalog and makes sure the namespace exists. H2 must fold names to lower case ({@code
   * DATABASE_TO_LOWER}): Iceberg checks for its tables by their lower-case names and would
   * otherwise try to create them again on the next start.
   */
  private static JdbcCatalog open(String url, String database, FileIO io) {
    Objects.requireNonNull(io, "io");
    JdbcCatalog catalog =
        new JdbcCatalog(
            properties -> io,
            properties -> new JdbcClientPool(properties.get("uri"), properties),
            true);
    catalog.initialize(
        "strata",
        Map.of(
            "uri", url + ";DATABASE_TO_LOWER=TRUE",
            "warehouse", "s3://strata-unused-warehouse",
            "jdbc.schema-version", "V1"));
    Namespaces.ensure(catalog, Namespace.of(database));
    return catalog;
  }
}
