package io.strata.core.ingest;

import io.strata.core.history.WrittenFile;
import java.time.Instant;
import java.util.List;

/**
 * {@code _batches/<dataset>/<batch-id>.json}: the commit record of a batch, written last and only
 * once (conditional put). Its presence means every listed file is complete. Written as one line of
 * compact JSON ending with a newline, which Athena's JSON SerDe reads as one row of {@code
 * strata_batches}.
 *
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
    long rowsRead,
    long rowsAccepted,
    long rowsRejected,
    List<String> partitions,
    List<WrittenFile> files,
    String rejectsFile) {}
