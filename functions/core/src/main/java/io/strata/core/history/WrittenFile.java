package io.strata.core.history;

import java.util.Objects;

/**
 * One Parquet file a batch wrote to the history bucket.
 *
 * @param partition the partition's folder as Iceberg names it, e.g. {@code
 *     booking_date=2024-01-02}; empty when the dataset is not partitioned
 * @param bytes the file's size
 */
public record WrittenFile(String key, String partition, long rows, long bytes) {

  public WrittenFile {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(partition, "partition");
    if (rows < 0 || bytes < 0) {
      throw new IllegalArgumentException(
          "rows and bytes must not be negative, got " + rows + " and " + bytes);
    }
  }
}
