package io.strata.api.datasets;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.core.table.BatchSnapshot;
import java.time.Instant;

/**
 * A committed batch as the dataset routes show it. Source and row counts describe every row of the
 * batch, so they are left out (null) for a role that sees only some rows.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchSummary(
    String batchId,
    String source,
    int contractVersion,
    Instant ingestedAt,
    Instant committedAt,
    Long rowsAccepted,
    Long rowsRejected) {

  static BatchSummary of(BatchSnapshot batch) {
    return new BatchSummary(
        batch.batchId(),
        batch.source(),
        batch.contractVersion(),
        batch.ingestedAt(),
        batch.committedAt(),
        batch.rowsAccepted(),
        batch.rowsRejected());
  }

  /** The batch without what would describe rows the role cannot see. */
  BatchSummary withoutRowDetails() {
    return new BatchSummary(batchId, null, contractVersion, ingestedAt, committedAt, null, null);
  }
}
