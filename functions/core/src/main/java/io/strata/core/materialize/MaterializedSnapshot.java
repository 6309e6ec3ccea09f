package io.strata.core.materialize;

import io.strata.core.table.HistorySnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A report's materialized table for one role at the snapshot that reflects the latest history of
 * every dataset the report reads, under the role's current rules: what serving reads.
 *
 * @param snapshot the materialized table pinned to that snapshot
 * @param sources the history snapshot id each dataset was read at (absent: nothing committed)
 * @param materializedAt when that snapshot was committed
 * @param columns the report's output columns, in order
 */
public record MaterializedSnapshot(
    String namespace,
    String table,
    HistorySnapshot snapshot,
    Map<String, Long> sources,
    Instant materializedAt,
    List<String> columns) {

  public MaterializedSnapshot {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(snapshot, "snapshot");
    sources = java.util.Collections.unmodifiableMap(new TreeMap<>(sources));
    columns = List.copyOf(columns);
  }

  /** The materialized table's snapshot id. */
  public long snapshotId() {
    return snapshot.snapshot().snapshotId();
  }
}
