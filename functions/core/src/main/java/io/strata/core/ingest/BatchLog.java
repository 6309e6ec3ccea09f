package io.strata.core.ingest;

import io.strata.core.contract.DatasetContract;
import io.strata.core.history.WrittenFile;
import io.strata.core.store.ObjectStore;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.Snapshot;

/**
 * Writes a committed batch's manifest, the ingest log entry under {@code _batches/}: after the
 * batch's snapshot and only once (conditional put), so that its presence stops duplicates before
 * anything is read.
 */
final class BatchLog {

  /** What the manifest says of the batch besides its files and snapshot. */
  record Entry(
      DatasetContract contract,
      RawObjectRef raw,
      String batchId,
      long rowsRead,
      long rowsAccepted,
      long rowsRejected,
      String rejectsKey) {}

  private BatchLog() {}

  /**
   * @return false when a concurrent duplicate wrote the same deterministic batch first
   */
  static boolean write(
      ObjectStore store,
      LakeLayout layout,
      Entry entry,
      List<WrittenFile> files,
      Snapshot snapshot) {
    List<String> partitions =
        files.stream().map(WrittenFile::partition).distinct().sorted().toList();
    RawObjectRef raw = entry.raw();
    BatchManifest manifest =
        new BatchManifest(
            entry.contract().name(),
            entry.batchId(),
            raw.uri(),
            raw.versionId(),
            raw.eTag(),
            raw.size(),
            entry.contract().version(),
            raw.arrivedAt(),
            Instant.ofEpochMilli(snapshot.timestampMillis()),
            snapshot.snapshotId(),
            entry.rowsRead(),
            entry.rowsAccepted(),
            entry.rowsRejected(),
            partitions,
            files,
            entry.rejectsKey());
    return store.putIfAbsent(
        layout.historyBucket(),
        layout.manifestKey(entry.contract().name(), entry.batchId()),
        LakeJson.line(manifest),
        "application/json");
  }
}
