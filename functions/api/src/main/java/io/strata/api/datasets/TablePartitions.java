package io.strata.api.datasets;

import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.TableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;

/**
 * The partitions a table's latest snapshot holds data in, from the partition values Iceberg keeps
 * for each data file: {@code 2024-01-14}, or {@code EU/2024-01-14} for two levels, sorted.
 */
final class TablePartitions {

  private TablePartitions() {}

  static List<String> of(HistorySnapshot snapshot) {
    TreeSet<String> values = new TreeSet<>();
    try (CloseableIterable<FileScanTask> tasks =
        snapshot.table().newScan().useSnapshot(snapshot.snapshot().snapshotId()).planFiles()) {
      for (FileScanTask task : tasks) {
        PartitionSpec spec = task.spec();
        if (!spec.isUnpartitioned()) {
          values.add(human(spec, task.file().partition()));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new TableException(
          "Cannot list the partitions of table " + snapshot.table().name() + ": " + e.getMessage(),
          e);
    }
    return new ArrayList<>(values);
  }

  @SuppressWarnings("unchecked")
  private static String human(PartitionSpec spec, StructLike partition) {
    List<String> levels = new ArrayList<>();
    Type.NestedType struct = spec.partitionType();
    for (int i = 0; i < spec.fields().size(); i++) {
      PartitionField field = spec.fields().get(i);
      Type type = struct.fields().get(i).type();
      Object value = partition.get(i, Object.class);
      levels.add(
          ((org.apache.iceberg.transforms.Transform<Object, Object>) field.transform())
              .toHumanString(type, value));
    }
    return String.join("/", levels);
  }
}
