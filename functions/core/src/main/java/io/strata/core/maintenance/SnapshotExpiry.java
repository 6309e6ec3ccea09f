package io.strata.core.maintenance;

import io.strata.core.contract.HistoryPolicy;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.TableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.ExpireSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.util.SnapshotUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires a table's snapshots that fell out of its {@link HistoryPolicy retention}, never when the
 * history is kept forever (the default). Time travel to any instant inside the retention stays
 * exact: the snapshot that was current at the start of the retention answers the instants up to the
 * next commit, so it is kept with every later one; only snapshots older than it go, and the current
 * snapshot always stays. Data and manifest files that no kept snapshot references are deleted
 * through the table's {@code FileIO} by Iceberg's {@code ExpireSnapshots}.
 *
 * <p>An expired snapshot's summary no longer names its batch for the exactly-once check; the batch
 * manifests under {@code _batches/} stay the record that makes a late duplicate a no-op.
 */
public final class SnapshotExpiry {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotExpiry.class);

  private final Clock clock;
  private final CommitRetry retry;

  public SnapshotExpiry(Clock clock, CommitRetry retry) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /**
   * Expires what the policy lets go.
   *
   * @throws TableException when the catalog refuses the change in every try
   */
  public ExpiryResult expire(Table table, HistoryPolicy policy) {
    Optional<Instant> cutoff = policy.cutoff(clock.instant());
    table.refresh();
    int before = size(table);
    if (cutoff.isEmpty()) {
      return new ExpiryResult(table.name(), null, 0, before);
    }
    Optional<Snapshot> oldestKept = currentAt(table, cutoff.get());
    if (oldestKept.isEmpty() || !anyOlder(table, oldestKept.get().timestampMillis())) {
      return new ExpiryResult(table.name(), cutoff.get(), 0, before);
    }
    long olderThan = oldestKept.get().timestampMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        ExpireSnapshots expire = table.expireSnapshots().expireOlderThan(olderThan).retainLast(1);
        // Naming the snapshots makes Iceberg find unreferenced files by what the kept snapshots
        // reach; its incremental cleanup would keep the files a kept compaction replaced.
        olderSnapshots(table, olderThan).forEach(expire::expireSnapshotId);
        expire.commit();
        break;
      } catch (CommitFailedException e) {
        if (attempt >= retry.attempts()) {
          throw new TableException(
              "Cannot expire the snapshots of table "
                  + table.name()
                  + ": other writers committed first in each of "
                  + attempt
                  + " tries",
              e);
        }
        retry.pause(attempt, "expiry of table " + table.name());
        table.refresh();
      } catch (RuntimeException e) {
        throw new TableException(
            "Cannot expire the snapshots of table " + table.name() + ": " + e.getMessage(), e);
      }
    }
    table.refresh();
    int after = size(table);
    LOG.info(
        "Expired {} snapshots of table {} older than {} (retention {}), {} kept",
        before - after,
        table.name(),
        Instant.ofEpochMilli(olderThan),
        policy.retention(),
        after);
    return new ExpiryResult(table.name(), cutoff.get(), before - after, after);
  }

  /** The snapshot that was current at the instant, which answers time travel to it. */
  private static Optional<Snapshot> currentAt(Table table, Instant instant) {
    Long id = SnapshotUtil.nullableSnapshotIdAsOfTime(table, instant.toEpochMilli());
    return Optional.ofNullable(id).map(table::snapshot);
  }

  private static boolean anyOlder(Table table, long millis) {
    return !olderSnapshots(table, millis).isEmpty();
  }

  /** The snapshots committed before the instant, the current one left out. */
  private static List<Long> olderSnapshots(Table table, long millis) {
    Snapshot current = table.currentSnapshot();
    List<Long> older = new ArrayList<>();
    for (Snapshot snapshot : table.snapshots()) {
      if (snapshot.timestampMillis() < millis && snapshot.snapshotId() != current.snapshotId()) {
        older.add(snapshot.snapshotId());
      }
    }
    return older;
  }

  private static int size(Table table) {
    int count = 0;
    for (Snapshot ignored : table.snapshots()) {
      count++;
    }
    return count;
  }
}
