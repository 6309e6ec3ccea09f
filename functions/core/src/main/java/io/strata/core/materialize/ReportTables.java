package io.strata.core.materialize;

import io.strata.core.table.CatalogUnavailableException;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.Namespaces;
import io.strata.core.table.TableException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * The materialized reports' Iceberg tables: namespace {@code <history namespace>_reports}, one
 * table {@code <report>__<role>} per report and role at {@code s3://<history
 * bucket>/_reports/<report>/<role>/}. Glue and Athena take only {@code [a-z0-9_]} in names, so a
 * {@code -} of a report or role name is {@code _} in the table's name; each table records the
 * report and role it holds, and a table holding another report or role is never handed out for this
 * one.
 */
public final class ReportTables {

  /** Table property naming the report a table holds. */
  public static final String REPORT = "strata.report";

  /** Table property naming the role whose governed views a table's rows were computed under. */
  public static final String ROLE = "strata.role";

  private final Catalog catalog;
  private final Namespace namespace;
  private final String historyBucket;
  private final CommitRetry retry;

  /**
   * @param historyDatabase the history tables' namespace (the lake's Glue database)
   */
  public ReportTables(
      Catalog catalog, String historyDatabase, String historyBucket, CommitRetry retry) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.namespace = Namespace.of(namespace(historyDatabase));
    this.historyBucket = Objects.requireNonNull(historyBucket, "historyBucket");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /** The reports' namespace of a history namespace: {@code <database>_reports}. */
  public static String namespace(String historyDatabase) {
    return Objects.requireNonNull(historyDatabase, "historyDatabase") + "_reports";
  }

  /** The reports' namespace. */
  public String namespace() {
    return namespace.level(0);
  }

  /** How commits to these tables are retried. */
  public CommitRetry retry() {
    return retry;
  }

  /** The table name of a report's result for a role: {@code <report>__<role>}. */
  public static String tableName(String report, String role) {
    return (report + "__" + role).replace('-', '_').toLowerCase(Locale.ROOT);
  }

  /** The catalog's identifier of a report's table for a role. */
  public TableIdentifier identifier(String report, String role) {
    return TableIdentifier.of(namespace, tableName(report, role));
  }

  /** Where a report's table for a role lives. */
  public String location(String report, String role) {
    return "s3://" + historyBucket + "/_reports/" + report + "/" + role + "/";
  }

  /**
   * The report's table for the role, or empty when there is none yet.
   *
   * @throws CatalogUnavailableException when the catalog fails
   * @throws TableException when the table holds another report or role (a name that differs only in
   *     {@code -} and {@code _})
   */
  public Optional<Table> load(String report, String role) {
    Table table;
    try {
      table = catalog.loadTable(identifier(report, role));
    } catch (NoSuchTableException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new CatalogUnavailableException(
          "Cannot load table " + identifier(report, role) + ": " + e.getMessage(), e);
    }
    Map<String, String> properties = table.properties();
    if (!report.equals(properties.get(REPORT)) || !role.equals(properties.get(ROLE))) {
      throw new TableException(
          "Cannot use table "
              + identifier(report, role)
              + " for report "
              + report
              + " and role "
              + role
              + ": it holds report "
              + properties.get(REPORT)
              + " for role "
              + properties.get(ROLE)
              + "; rename one of the reports");
    }
    return Optional.of(table);
  }

  /**
   * The report's table for the role, created with this schema when missing (a table another writer
   * created first is loaded instead).
   */
  Table loadOrCreate(String report, String role, Schema schema) {
    Optional<Table> existing = load(report, role);
    if (existing.isPresent()) {
      return existing.get();
    }
    ensureNamespace();
    try {
      return catalog
          .buildTable(identifier(report, role), schema)
          .withLocation(location(report, role))
          .withProperties(
              Map.of(
                  TableProperties.FORMAT_VERSION,
                  "2",
                  // Our loop decides again on every try; Iceberg's own retry would not.
                  TableProperties.COMMIT_NUM_RETRIES,
                  "0",
                  TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED,
                  "true",
                  TableProperties.METADATA_PREVIOUS_VERSIONS_MAX,
                  "10",
                  REPORT,
                  report,
                  ROLE,
                  role))
          .create();
    } catch (AlreadyExistsException e) {
      return load(report, role)
          .orElseThrow(() -> new TableException("Cannot load table " + identifier(report, role)));
    } catch (RuntimeException e) {
      throw new TableException(
          "Cannot create table " + identifier(report, role) + ": " + e.getMessage(), e);
    }
  }

  /** The namespace exists in Glue (the infrastructure creates it); the local catalog needs it. */
  private void ensureNamespace() {
    Namespaces.ensure(catalog, namespace);
  }
}
