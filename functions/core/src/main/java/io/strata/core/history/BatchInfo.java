package io.strata.core.history;

import java.time.Instant;
import java.util.Objects;

/**
 * The batch a set of history files belongs to; its fields become the lineage columns of every row.
 *
 * @param batchId deterministic for the same raw object, so a retried ingest rewrites the same keys
 * @param sourceKey the raw object's key, recorded in {@code _source_key}
 */
public record BatchInfo(String dataset, String batchId, Instant ingestedAt, String sourceKey) {

  public BatchInfo {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(ingestedAt, "ingestedAt");
    Objects.requireNonNull(sourceKey, "sourceKey");
    if (batchId.isEmpty() || !batchId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "Invalid batch id '" + batchId + "': use letters, digits, '.', '_' and '-'");
    }
  }
}
