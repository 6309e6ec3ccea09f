package io.strata.core.maintenance;

/**
 * How small files are gathered: a file under three quarters of the target size is small, and small
 * files of one partition (and one Parquet schema) are packed into files of up to the target size,
 * but only where at least {@code minFiles} of them would go into one file; fewer are left alone, as
 * rewriting two files gains less than the work and the new snapshot cost.
 *
 * @param targetFileBytes the size a compacted file grows to, at least 1 MiB
 * @param minFiles the fewest small files worth rewriting into one, at least 2
 */
public record CompactionSettings(long targetFileBytes, int minFiles) {

  /** 128 MiB files, from at least 5 small ones: Athena's and Iceberg's usual target size. */
  public static final CompactionSettings DEFAULT = new CompactionSettings(128L << 20, 5);

  public CompactionSettings {
    if (targetFileBytes < (1L << 20)) {
      throw new IllegalArgumentException(
          "Cannot compact to files of " + targetFileBytes + " bytes: the target is at least 1 MiB");
    }
    if (minFiles < 2) {
      throw new IllegalArgumentException(
          "Cannot compact groups of " + minFiles + " file: at least 2 files make a group");
    }
  }

  /** Files under this size are gathered. */
  public long smallFileBytes() {
    return targetFileBytes / 4 * 3;
  }
}
