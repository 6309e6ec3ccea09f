package io.strata.api.datasets;

import io.strata.core.ingest.BatchManifest;
import io.strata.core.ingest.LakeJson;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The committed batches of a dataset, read from their manifests in {@code _batches/<dataset>/}.
 * Newest first by the manifest's last-modified time; only the newest {@code limit} manifests are
 * read.
 */
final class BatchHistory {

  private final ObjectStore store;
  private final String historyBucket;

  BatchHistory(ObjectStore store, String historyBucket) {
    this.store = store;
    this.historyBucket = historyBucket;
  }

  /** The newest committed batches, at most {@code limit}. */
  List<BatchSummary> recent(String dataset, int limit) {
    List<ObjectInfo> manifests =
        store.list(historyBucket, "_batches/" + dataset + "/").stream()
            .filter(o -> o.key().endsWith(".json"))
            .sorted(
                Comparator.comparing(
                        (ObjectInfo o) ->
                            o.lastModified() == null ? Instant.EPOCH : o.lastModified())
                    .thenComparing(ObjectInfo::key)
                    .reversed())
            .limit(limit)
            .toList();
    List<BatchSummary> batches = new ArrayList<>(manifests.size());
    for (ObjectInfo info : manifests) {
      try (InputStream in = store.open(historyBucket, info.key())) {
        batches.add(BatchSummary.of(LakeJson.mapper().readValue(in, BatchManifest.class)));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read batch manifest s3://" + historyBucket + "/" + info.key(), e);
      }
    }
    batches.sort(Comparator.comparing(BatchSummary::committedAt).reversed());
    return batches;
  }
}
