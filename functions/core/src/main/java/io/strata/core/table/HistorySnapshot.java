package io.strata.core.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * A dataset's table pinned to the snapshot a query reads: the latest one, or the one that was
 * current at {@code asOf} (Iceberg's commit times, as {@code FOR TIMESTAMP AS OF} picks it).
 *
 * @param asOf the instant the query asked for, or null for the table as it is
 * @param currentTable the dataset's current table pinned to a snapshot holding exactly the latest
 *     version of each key of this one, which a current-view query reads instead of ranking history;
 *     null when there is none to read (see {@code io.strata.core.current.CurrentTables})
 */
public record HistorySnapshot(
    Table table, Snapshot snapshot, Instant asOf, HistorySnapshot currentTable) {

  public HistorySnapshot {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(snapshot, "snapshot");
  }

  /** The table at the snapshot, with no current table to read instead. */
  public HistorySnapshot(Table table, Snapshot snapshot, Instant asOf) {
    this(table, snapshot, asOf, null);
  }

  /** This snapshot, answering current-view queries from {@code current}. */
  public HistorySnapshot withCurrentTable(HistorySnapshot current) {
    return new HistorySnapshot(table, snapshot, asOf, current);
  }

  /**
   * The snapshot of the table current at {@code asOf} (null: the latest), or empty when the table
   * had none then: nothing was committed yet, so there is nothing to read.
   */
  public static Optional<HistorySnapshot> of(Table table, Instant asOf) {
    Snapshot snapshot;
    if (asOf == null) {
      snapshot = table.currentSnapshot();
    } else {
      // Iceberg records commit times in milliseconds; an instant within the commit's millisecond
      // counts as after it, as Trino's FOR TIMESTAMP AS OF does.
      Long id = SnapshotUtil.nullableSnapshotIdAsOfTime(table, asOf.toEpochMilli());
      snapshot = id == null ? null : table.snapshot(id);
    }
    return Optional.ofNullable(snapshot).map(s -> new HistorySnapshot(table, s, asOf));
  }

  /**
   * The locations of every data file the snapshot holds, in location order.
   *
   * @throws TableException when the snapshot holds delete files (written by another engine), which
   *     a reader of plain data files would ignore, or its manifests cannot be read
   */
  public List<String> dataFiles() {
    List<String> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          throw new TableException(
              "Cannot read table "
                  + table.name()
                  + " as of snapshot "
                  + snapshot.snapshotId()
                  + ": data file "
                  + task.file().location()
                  + " has row deletes, which Strata never writes; compact the table first");
        }
        files.add(task.file().location());
      }
    } catch (TableException e) {
      throw e;
    } catch (java.io.IOException | RuntimeException e) {
      throw new TableException(
          "Cannot plan the files of table "
              + table.name()
              + " as of snapshot "
              + snapshot.snapshotId()
              + ": "
              + e.getMessage(),
          e);
    }
    files.sort(null);
    return files;
  }
}
