package io.strata.core.quality;

import io.strata.core.table.BatchCommitter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * The profiles of a dataset's last committed batches, newest first, read from its table's snapshot
 * summaries: the history quality rules judge a new batch against. Batches without a profile
 * (committed before profiles existed) and snapshots Strata did not write are skipped.
 */
public final class RecentProfiles {

  private RecentProfiles() {}

  /**
   * At most {@code limit} profiles, newest commit first, leaving out {@code batchId} (the batch
   * being judged, should a retry find it committed).
   */
  public static List<BatchProfile> of(Table table, String batchId, int limit) {
    List<Snapshot> newestFirst =
        StreamSupport.stream(table.snapshots().spliterator(), false)
            .sorted(
                Comparator.comparingLong(Snapshot::timestampMillis)
                    .thenComparingLong(Snapshot::sequenceNumber)
                    .reversed())
            .toList();
    List<BatchProfile> profiles = new ArrayList<>();
    for (Snapshot snapshot : newestFirst) {
      if (profiles.size() == limit) {
        break;
      }
      String id = snapshot.summary().get(BatchCommitter.BATCH_ID);
      if (id == null || id.equals(batchId)) {
        continue;
      }
      Optional<BatchProfile> profile = BatchProfile.fromSummary(snapshot.summary());
      profile.ifPresent(profiles::add);
    }
    return profiles;
  }
}
