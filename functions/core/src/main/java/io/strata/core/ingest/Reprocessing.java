package io.strata.core.ingest;

import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Ingests a quarantined object version again, for operators who fixed what quarantined it (a
 * missing or broken contract, say). Only a quarantine report is set aside, never a committed batch:
 * with a manifest, nothing happens. The report is copied aside ({@code report.reprocessing.json})
 * before it is removed, so an attempt cut short at any point leaves the quarantine findable: the
 * next reprocess takes the report from there. The attempt ends committed (the old quarantine folder
 * is then removed) or quarantined again with a new report; when it cannot run (storage, a broken
 * contract) or the object was replaced meanwhile, the old report is put back and the quarantine
 * stays as it was. The raw object keeps its original arrival time, so a reprocessed file never
 * passes for newer than it is.
 */
final class Reprocessing {

  private final ObjectStore store;
  private final LakeLayout layout;
  private final Clock clock;
  private final Function<RawObjectRef, IngestResult> ingest;

  Reprocessing(
      ObjectStore store,
      LakeLayout layout,
      Clock clock,
      Function<RawObjectRef, IngestResult> ingest) {
    this.store = store;
    this.layout = layout;
    this.clock = clock;
    this.ingest = ingest;
  }

  IngestResult run(RawObjectRef raw) {
    Instant started = clock.instant();
    String dataset = LakeLayout.datasetOf(raw.key()).orElse(null);
    String batchId = BatchId.of(raw);
    String bucket = layout.historyBucket();
    String reportKey = layout.quarantineReportKey(dataset, batchId);
    String asideKey = layout.quarantineReportAsideKey(dataset, batchId);
    byte[] report =
        readIfPresent(bucket, reportKey).or(() -> readIfPresent(bucket, asideKey)).orElse(null);
    if (report == null || committed(dataset, batchId)) {
      return ingest.apply(raw);
    }
    Optional<ObjectInfo> current =
        store.head(raw.bucket(), raw.key()).filter(o -> isVersionOf(o, raw));
    if (current.isEmpty()) {
      IngestResult result =
          new IngestResult(
              raw.uri(),
              dataset,
              batchId,
              IngestOutcome.IGNORED,
              0,
              0,
              0,
              "superseded: the object was replaced or deleted after it was quarantined; its"
                  + " quarantined copy stays",
              Duration.between(started, clock.instant()));
      IngestLog.log(result);
      return result;
    }
    store.put(bucket, asideKey, report, "application/json");
    store.delete(bucket, reportKey);
    IngestResult result;
    try {
      result = ingest.apply(arrivedAsFirstSeen(raw, current.get()));
    } catch (RuntimeException e) {
      if (restore(bucket, reportKey, report, e)) {
        try {
          store.delete(bucket, asideKey);
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
    if (result.outcome() == IngestOutcome.COMMITTED) {
      String folder = layout.quarantinePrefix(dataset, batchId);
      store.list(bucket, folder).forEach(o -> store.delete(bucket, o.key()));
      return result;
    }
    if (result.outcome() != IngestOutcome.QUARANTINED) {
      restore(bucket, reportKey, report, null);
    }
    store.delete(bucket, asideKey);
    return result;
  }

  private boolean committed(String dataset, String batchId) {
    return dataset != null
        && store.head(layout.historyBucket(), layout.manifestKey(dataset, batchId)).isPresent();
  }

  private static boolean isVersionOf(ObjectInfo current, RawObjectRef raw) {
    if (raw.versionId() != null) {
      return raw.versionId().equals(current.versionId());
    }
    return raw.eTag() != null && raw.eTag().equals(current.eTag());
  }

  /** The object as it first arrived: its own time, not the moment somebody asked to reprocess. */
  private static RawObjectRef arrivedAsFirstSeen(RawObjectRef raw, ObjectInfo current) {
    Instant arrived = current.lastModified() == null ? raw.arrivedAt() : current.lastModified();
    return new RawObjectRef(
        raw.bucket(), raw.key(), raw.versionId(), raw.eTag(), current.size(), arrived);
  }

  /** Puts the report back; false (the failure noted on {@code failure}) when that failed too. */
  private boolean restore(String bucket, String key, byte[] report, RuntimeException failure) {
    try {
      store.putIfAbsent(bucket, key, report, "application/json");
      return true;
    } catch (RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
      return false;
    }
  }

  private Optional<byte[]> readIfPresent(String bucket, String key) {
    return store.head(bucket, key).map(found -> read(bucket, key));
  }

  private byte[] read(String bucket, String key) {
    try (InputStream in = store.open(bucket, key)) {
      return Objects.requireNonNull(in.readAllBytes());
    } catch (IOException e) {
      throw new ObjectStoreException(
          ObjectStoreException.message("read quarantine report", bucket, key, e.getMessage()), e);
    }
  }
}
