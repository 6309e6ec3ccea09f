package io.strata.core.current;

import io.strata.core.table.CatalogUnavailableException;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.HistoryTables;
import io.strata.core.table.Namespaces;
import io.strata.core.table.TableException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current tables: per dataset with a business key, the latest version of each key as an Iceberg
 * table beside the history table, in namespace {@code <history namespace>_current} at {@code
 * s3://<history bucket>/_current/<dataset>/}. Same columns as the history table (lineage kept: each
 * row says which batch and line it came from), same partitioning. Each snapshot's summary names the
 * history snapshot the table reflects ({@link #HISTORY_SNAPSHOT_ID}). Thread-safe.
 */
public final class CurrentTables {

  /** Snapshot summary key: the id of the history snapshot the current table reflects. */
  public static final String HISTORY_SNAPSHOT_ID = "strata.history-snapshot-id";

  /** Snapshot summary key: that history snapshot's sequence number. */
  public static final String HISTORY_SEQUENCE_NUMBER = "strata.history-sequence-number";

  /** Appended to the history namespace to name the current tables' namespace. */
  public static final String NAMESPACE_SUFFIX = "_current";

  private static final Logger LOG = LoggerFactory.getLogger(CurrentTables.class);

  private final Catalog catalog;
  private final Namespace namespace;
  private final String historyBucket;
  private final CommitRetry retry;

  /** The current tables beside {@code history}'s tables, in the same catalog and bucket. */
  public CurrentTables(HistoryTables history) {
    Objects.requireNonNull(history, "history");
    this.catalog = history.catalog();
    this.namespace = namespaceOf(history.namespace());
    this.historyBucket = history.historyBucket();
    this.retry = history.retry();
  }

  /** {@code strata} → {@code strata_current}. */
  static Namespace namespaceOf(Namespace history) {
    String[] levels = history.levels().clone();
    levels[levels.length - 1] = levels[levels.length - 1] + NAMESPACE_SUFFIX;
    return Namespace.of(levels);
  }

  /** The catalog's identifier of a dataset's current table. */
  public TableIdentifier identifier(String dataset) {
    return TableIdentifier.of(namespace, dataset);
  }

  /** Where a dataset's current table lives. */
  public String location(String dataset) {
    return "s3://" + historyBucket + "/_current/" + dataset;
  }

  CommitRetry retry() {
    return retry;
  }

  /**
   * The dataset's current table, or empty when none exists yet (no key, or no batch committed since
   * current tables came).
   *
   * @throws CatalogUnavailableException when the catalog fails
   */
  public Optional<Table> load(String dataset) {
    try {
      return Optional.of(catalog.loadTable(identifier(dataset)));
    } catch (NoSuchTableException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new CatalogUnavailableException(
          "Cannot load current table " + identifier(dataset) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The snapshot with the dataset's current table to read for the current view, when the query
   * reads the latest data (no {@code asOf}) and the current table reflects exactly that history
   * snapshot; otherwise the snapshot unchanged, and the current view is derived from history: a
   * dataset without a key, a lake from before current tables (until its next batch creates and
   * fills the table), or a batch whose follower has not finished (its retry completes it). A
   * catalog failure reading the current table falls back too, since history still answers.
   */
  public HistorySnapshot attach(String dataset, HistorySnapshot snapshot) {
    if (snapshot.asOf() != null) {
      return snapshot;
    }
    try {
      Optional<Table> current = load(dataset);
      if (current.isEmpty() || current.get().currentSnapshot() == null) {
        return snapshot;
      }
      Optional<Reflected> reflected = reflected(current.get());
      Snapshot rows = lastRowsSnapshot(snapshot.table(), snapshot.snapshot());
      if (reflected.isEmpty()
          || rows == null
          || reflected.get().snapshotId() != rows.snapshotId()) {
        return snapshot;
      }
      return snapshot.withCurrentTable(
          new HistorySnapshot(current.get(), current.get().currentSnapshot(), null));
    } catch (RuntimeException e) {
      LOG.warn(
          "Cannot read current table {}, deriving the current view from history: {}",
          identifier(dataset),
          e.toString());
      return snapshot;
    }
  }

  /** The latest snapshot up to {@code snapshot} that added rows (compactions skipped). */
  private static Snapshot lastRowsSnapshot(Table history, Snapshot snapshot) {
    Snapshot s = snapshot;
    while (s != null && DataOperations.REPLACE.equals(s.operation())) {
      s = s.parentId() == null ? null : history.snapshot(s.parentId());
    }
    return s;
  }

  /**
   * The history snapshot the current table reflects: the one its latest snapshot naming one names
   * (a compaction's snapshot names none), or empty before its first batch.
   */
  public static Optional<Reflected> reflected(Table current) {
    for (Snapshot s = current.currentSnapshot();
        s != null;
        s = s.parentId() == null ? null : current.snapshot(s.parentId())) {
      String id = s.summary().get(HISTORY_SNAPSHOT_ID);
      if (id != null) {
        return Optional.of(
            new Reflected(
                Long.parseLong(id), Long.parseLong(s.summary().get(HISTORY_SEQUENCE_NUMBER))));
      }
    }
    return Optional.empty();
  }

  /**
   * The history snapshot a current table names.
   *
   * @param snapshotId the history snapshot's id
   * @param sequenceNumber its sequence number: every history snapshot up to it is applied
   */
  public record Reflected(long snapshotId, long sequenceNumber) {}

  /**
   * The dataset's current table, created like the history table if missing, with every column the
   * history table has (the same additive changes: new columns, widened types, columns made
   * optional).
   *
   * @throws TableException when the catalog fails or other writers won every try
   */
  public Table ensure(Table history, String dataset) {
    for (int attempt = 1; ; attempt++) {
      try {
        Optional<Table> stored = load(dataset);
        if (stored.isEmpty()) {
          return create(history, dataset);
        }
        Table current = stored.get();
        if (!sameColumns(current.schema(), history.schema())) {
          current.updateSchema().unionByNameWith(history.schema()).commit();
          LOG.info("Evolved current table {} to the history table's columns", current.name());
        }
        return current;
      } catch (CommitFailedException | AlreadyExistsException e) {
        if (attempt >= retry.attempts()) {
          throw new TableException(
              "Cannot prepare current table "
                  + identifier(dataset)
                  + ": other writers changed it during each of "
                  + attempt
                  + " tries",
              e);
        }
        retry.pause(attempt, "current table change");
      } catch (TableException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new TableException(
            "Cannot prepare current table " + identifier(dataset) + ": " + e.getMessage(), e);
      }
    }
  }

  /** Whether the current table has each history column, with its type and optionality. */
  private static boolean sameColumns(Schema current, Schema history) {
    return history.columns().stream()
        .allMatch(
            f -> {
              var mine = current.findField(f.name());
              return mine != null
                  && mine.type().equals(f.type())
                  && mine.isOptional() == f.isOptional();
            });
  }

  private Table create(Table history, String dataset) {
    Namespaces.ensure(catalog, namespace);
    Schema schema = history.schema();
    PartitionSpec.Builder spec = PartitionSpec.builderFor(schema);
    for (PartitionField field : history.spec().fields()) {
      String source = history.schema().findColumnName(field.sourceId());
      String transform = field.transform().toString();
      switch (transform) {
        case "identity" -> spec.identity(source, field.name());
        case "day" -> spec.day(source, field.name());
        case "month" -> spec.month(source, field.name());
        case "year" -> spec.year(source, field.name());
        default ->
            throw new TableException(
                "Cannot create current table "
                    + identifier(dataset)
                    + ": history partition transform "
                    + transform
                    + " is not one Strata writes");
      }
    }
    Map<String, String> properties = new HashMap<>(history.properties());
    properties.put(TableProperties.COMMIT_NUM_RETRIES, "0");
    Table table =
        catalog
            .buildTable(identifier(dataset), schema)
            .withPartitionSpec(spec.build())
            .withLocation(location(dataset))
            .withProperties(properties)
            .create();
    LOG.info("Created current table {} at {}", identifier(dataset), table.location());
    return table;
  }
}
