package io.strata.core.maintenance;

import io.strata.core.contract.HistoryPolicy;
import io.strata.core.table.TableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One maintenance pass over every table of the namespaces given (the history namespace, and the
 * {@code _current} and {@code _reports} namespaces where they exist): compaction first, then the
 * expiry of snapshots outside the table's retention. A table that fails is reported and the pass
 * goes on with the next, so one broken table never stops the others' maintenance.
 */
public final class LakeMaintenance {

  private static final Logger LOG = LoggerFactory.getLogger(LakeMaintenance.class);

  private final Catalog catalog;
  private final TableCompactor compactor;
  private final SnapshotExpiry expiry;
  private final Function<TableIdentifier, HistoryPolicy> policies;

  /**
   * @param policies the retention of each table: a history table's and its current table's come
   *     from the dataset's contract; a table without a contract keeps its history forever
   */
  public LakeMaintenance(
      Catalog catalog,
      TableCompactor compactor,
      SnapshotExpiry expiry,
      Function<TableIdentifier, HistoryPolicy> policies) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.compactor = Objects.requireNonNull(compactor, "compactor");
    this.expiry = Objects.requireNonNull(expiry, "expiry");
    this.policies = Objects.requireNonNull(policies, "policies");
  }

  /** What the pass did to one table; {@code failure} says why it stopped, null when it did not. */
  public record TableReport(
      TableIdentifier table, CompactionResult compaction, ExpiryResult expiry, String failure) {}

  /** Maintains every table of the namespaces; a namespace that does not exist is skipped. */
  public List<TableReport> run(List<Namespace> namespaces) {
    List<TableReport> reports = new ArrayList<>();
    for (Namespace namespace : namespaces) {
      List<TableIdentifier> tables;
      try {
        // Glue's GetTables answers a missing database with EntityNotFoundException, which
        // Iceberg's GlueCatalog.listTables passes on untranslated: ask first where we can.
        if (catalog instanceof SupportsNamespaces withNamespaces
            && !withNamespaces.namespaceExists(namespace)) {
          continue;
        }
        tables = catalog.listTables(namespace);
      } catch (NoSuchNamespaceException e) {
        continue;
      } catch (RuntimeException e) {
        throw new TableException(
            "Cannot list the tables of namespace " + namespace + ": " + e.getMessage(), e);
      }
      for (TableIdentifier identifier : tables) {
        reports.add(maintain(identifier));
      }
    }
    return reports;
  }

  /** Compacts one table, then expires its old snapshots. */
  public TableReport maintain(TableIdentifier identifier) {
    CompactionResult compaction = null;
    try {
      Table table = catalog.loadTable(identifier);
      compaction = compactor.compact(table);
      ExpiryResult expired = expiry.expire(table, policies.apply(identifier));
      return new TableReport(identifier, compaction, expired, null);
    } catch (NoSuchTableException e) {
      return new TableReport(identifier, compaction, null, "dropped during maintenance");
    } catch (RuntimeException e) {
      LOG.warn("Maintenance of table {} failed: {}", identifier, e.getMessage());
      return new TableReport(identifier, compaction, null, e.getMessage());
    }
  }
}
