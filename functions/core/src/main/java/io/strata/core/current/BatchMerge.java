package io.strata.core.current;

import io.strata.core.contract.DatasetContract;
import io.strata.core.table.TableException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.DateTimeUtil;

/**
 * Copy-on-write of one history snapshot into the current table: the snapshot's rows, reduced to
 * each key's greatest version ({@link VersionOrder}), replace the versions of their keys. The
 * current files that may hold a key of the batch are found by their key-column bounds, then by
 * reading only their key columns; just those files are rewritten (their other rows unchanged), and
 * keys found in none go to new files. Written files are sorted by key, so their bounds stay narrow
 * when keys grow with time. Files are written but not committed: {@link CurrentFollower} commits
 * them or deletes them.
 */
final class BatchMerge {

  /** Rows per written file; a partition with more rows gets several files. */
  static final int MAX_FILE_ROWS = 1_000_000;

  /**
   * What one history snapshot changes in the current table.
   *
   * @param rowsRead rows of current files read in full (rewritten)
   */
  record Changes(List<DataFile> deleted, List<DataFile> added, long batchRows, long rowsRead) {}

  private final DatasetContract contract;
  private final Table current;
  private final Schema schema;
  private final int[] keyPositions;
  private final Comparator<Record> versions;

  BatchMerge(DatasetContract contract, Table current) {
    this.contract = contract;
    this.current = current;
    this.schema = current.schema();
    this.keyPositions =
        contract.key().stream().mapToInt(k -> VersionOrder.position(schema, k)).toArray();
    this.versions = VersionOrder.of(contract, schema);
  }

  /**
   * Writes the files that apply {@code batch} (a history snapshot) to the current table as of
   * {@code base} (null: empty).
   */
  Changes apply(Table history, Snapshot batch, Snapshot base) {
    Map<List<Object>, Record> winners = batchWinners(history, batch);
    long batchRows = winners.size();
    if (winners.isEmpty()) {
      return new Changes(List.of(), List.of(), 0, 0);
    }
    List<DataFile> touched = base == null ? List.of() : touchedFiles(base, winners);
    List<Record> rows = new ArrayList<>();
    long rowsRead = 0;
    for (DataFile file : touched) {
      for (Record row : TableFiles.read(current.io(), file.location(), schema)) {
        rowsRead++;
        Record newer = winners.remove(key(row));
        rows.add(newer != null && versions.compare(newer, row) > 0 ? newer : row);
      }
    }
    rows.addAll(winners.values());
    String prefix = batch.snapshotId() + "-" + UUID.randomUUID().toString().substring(0, 8);
    List<DataFile> added = write(rows, prefix);
    return new Changes(touched, added, batchRows, rowsRead);
  }

  /** Each key's greatest version among the snapshot's rows, as rows of the current schema. */
  private Map<List<Object>, Record> batchWinners(Table history, Snapshot batch) {
    Schema historySchema = history.schema();
    int[] from = new int[schema.columns().size()];
    for (int i = 0; i < from.length; i++) {
      String name = schema.columns().get(i).name();
      from[i] = historySchema.findField(name) == null ? -1 : position(historySchema, name);
    }
    Map<List<Object>, Record> winners = new HashMap<>();
    for (DataFile file : batch.addedDataFiles(history.io())) {
      for (Record stored : TableFiles.read(history.io(), file.location(), historySchema)) {
        GenericRecord row = GenericRecord.create(schema);
        for (int i = 0; i < from.length; i++) {
          row.set(i, from[i] < 0 ? null : stored.get(from[i]));
        }
        winners.merge(key(row), row, (a, b) -> versions.compare(a, b) >= 0 ? a : b);
      }
    }
    return winners;
  }

  private static int position(Schema schema, String name) {
    return VersionOrder.position(schema, name);
  }

  /**
   * The current files holding a key of the batch: those whose key-column bounds overlap the batch's
   * key range, then, of those, the ones whose key columns hold one of the batch's keys.
   */
  private List<DataFile> touchedFiles(Snapshot base, Map<List<Object>, Record> winners) {
    TableScan scan = current.newScan().useSnapshot(base.snapshotId()).filter(keyRange(winners));
    Schema keys = schema.select(contract.key());
    List<DataFile> touched = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          throw new TableException(
              "Cannot update current table "
                  + current.name()
                  + ": data file "
                  + task.file().location()
                  + " has row deletes, which Strata never writes");
        }
        for (Record row : TableFiles.read(current.io(), task.file().location(), keys)) {
          List<Object> key = new ArrayList<>(keyPositions.length);
          for (int i = 0; i < keyPositions.length; i++) {
            key.add(row.get(i));
          }
          if (winners.containsKey(key)) {
            touched.add(task.file());
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new TableException(
          "Cannot plan the files of current table " + current.name() + ": " + e.getMessage(), e);
    }
    return touched;
  }

  /** Each key column between the batch's least and greatest value, where Iceberg can bound it. */
  private Expression keyRange(Map<List<Object>, Record> winners) {
    Expression range = Expressions.alwaysTrue();
    for (int k = 0; k < keyPositions.length; k++) {
      Object min = null;
      Object max = null;
      boolean nulls = false;
      for (List<Object> key : winners.keySet()) {
        Object value = key.get(k);
        if (value == null) {
          nulls = true;
        } else {
          min = min == null || VersionOrder.compareValues(value, min) < 0 ? value : min;
          max = max == null || VersionOrder.compareValues(value, max) > 0 ? value : max;
        }
      }
      Object low = literal(min);
      Object high = literal(max);
      if (nulls || low == null || high == null) {
        continue;
      }
      String column = contract.key().get(k);
      range =
          Expressions.and(
              range,
              Expressions.and(
                  Expressions.greaterThanOrEqual(column, low),
                  Expressions.lessThanOrEqual(column, high)));
    }
    return range;
  }

  /** The value as an Iceberg expression literal, or null when bounds cannot prune on it. */
  private static Object literal(Object value) {
    if (value instanceof LocalDate date) {
      return DateTimeUtil.daysFromDate(date);
    }
    if (value instanceof OffsetDateTime time) {
      return DateTimeUtil.microsFromTimestamptz(time);
    }
    if (value instanceof CharSequence
        || value instanceof Integer
        || value instanceof Long
        || value instanceof java.math.BigDecimal) {
      return value;
    }
    return null;
  }

  private List<Object> key(Record row) {
    Object[] key = new Object[keyPositions.length];
    for (int i = 0; i < key.length; i++) {
      key[i] = row.get(keyPositions[i]);
    }
    return Arrays.asList(key);
  }

  /** The rows, grouped by partition and sorted by key, as new data files. */
  private List<DataFile> write(List<Record> rows, String prefix) {
    Map<PartitionKey, List<Record>> partitions = new LinkedHashMap<>();
    PartitionKey partition = new PartitionKey(current.spec(), schema);
    for (Record row : rows) {
      partition.partition(new Internal(row));
      partitions.computeIfAbsent(partition.copy(), p -> new ArrayList<>()).add(row);
    }
    Comparator<Record> byKey = VersionOrder.byKey(contract, schema);
    List<DataFile> files = new ArrayList<>();
    for (Map.Entry<PartitionKey, List<Record>> entry : partitions.entrySet()) {
      List<Record> part = entry.getValue();
      part.sort(byKey);
      for (int start = 0; start < part.size(); start += MAX_FILE_ROWS) {
        String name = prefix + "-" + files.size() + ".parquet";
        String location =
            current.locationProvider().newDataLocation(current.spec(), entry.getKey(), name);
        List<Record> slice = part.subList(start, Math.min(part.size(), start + MAX_FILE_ROWS));
        files.add(CurrentFileWriter.write(current, entry.getKey(), location, slice));
      }
    }
    return files;
  }

  /** A row as partition transforms read it: dates as days, timestamps as microseconds. */
  private record Internal(Record row) implements StructLike {

    @Override
    public int size() {
      return row.size();
    }

    @Override
    public <T> T get(int pos, Class<T> javaClass) {
      Object value = row.get(pos);
      if (value instanceof LocalDate date) {
        return javaClass.cast(DateTimeUtil.daysFromDate(date));
      }
      if (value instanceof OffsetDateTime time) {
        return javaClass.cast(DateTimeUtil.microsFromTimestamptz(time));
      }
      return javaClass.cast(value);
    }

    @Override
    public <T> void set(int pos, T value) {
      throw new UnsupportedOperationException("A row is read here, never changed");
    }
  }
}
