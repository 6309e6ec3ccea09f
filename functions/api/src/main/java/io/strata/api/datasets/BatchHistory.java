package io.strata.api.datasets;

import io.strata.core.table.BatchSnapshot;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * The committed batches of a dataset, read from its table's snapshot summaries (one snapshot per
 * batch): newest first. Snapshots Strata did not write (a compaction) are not batches.
 */
final class BatchHistory {

  private BatchHistory() {}

  /** The newest committed batches, at most {@code limit}; none for a dataset without a table. */
  static List<BatchSummary> recent(Optional<Table> table, int limit) {
    if (table.isEmpty()) {
      return List.of();
    }
    return StreamSupport.stream(table.get().snapshots().spliterator(), false)
        .sorted(Comparator.comparingLong(Snapshot::timestampMillis).reversed())
        .map(BatchSnapshot::of)
        .flatMap(Optional::stream)
        .limit(limit)
        .map(BatchSummary::of)
        .toList();
  }
}
