package io.strata.api.datasets;

import io.strata.core.ingest.BatchManifest;
import java.time.Instant;

/** A committed batch as the dataset routes show it. */
public record BatchSummary(
    String batchId,
    String source,
    int contractVersion,
    Instant ingestedAt,
    Instant committedAt,
    long rowsAccepted,
    long rowsRejected) {

  static BatchSummary of(BatchManifest manifest) {
    return new BatchSummary(
        manifest.batchId(),
        manifest.source(),
        manifest.contractVersion(),
        manifest.ingestedAt(),
        manifest.committedAt(),
        manifest.rowsAccepted(),
        manifest.rowsRejected());
  }
}
