package io.strata.api.quality;

import java.util.List;

/**
 * {@code GET /datasets/{dataset}/quality}: a dataset's last batches with their profiles and quality
 * verdicts as the caller's role may see them, oldest first.
 */
public record DatasetQuality(String dataset, List<BatchQuality> batches) {

  public DatasetQuality {
    batches = List.copyOf(batches);
  }
}
