package io.strata.core.ingest;

import io.strata.core.history.WrittenFile;
import java.time.Instant;
import java.util.List;

/**
 * {@code _batches/<dataset>/<batch-id>.json}: the ingest log entry of a committed batch, written
 * after its Iceberg snapshot and only once (conditional put). Its presence means the batch is
 * committed, so a duplicate event stops here; the snapshot is what engines read.
 *
 * @param committedAt the snapshot's commit time
 * @param snapshotId the Iceberg snapshot that appended the batch
 * @param rejectsFile key of the rejected-rows file beside it, or null when no row was rejected
 */
public record BatchManifest(
    String dataset,
    String batchId,
    String source,
    String sourceVersionId,
    String sourceETag,
    long sourceSize,
    int contractVersion,
    Instant ingestedAt,
    Instant committedAt,
    long snapshotId,
    long rowsRead,
    long rowsAccepted,
    long rowsRejected,
    List<String> partitions,
    List<WrittenFile> files,
    String rejectsFile) {}
