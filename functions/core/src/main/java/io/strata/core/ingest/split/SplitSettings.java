package io.strata.core.ingest.split;

/**
 * When a raw file is ingested in byte ranges, and how large the ranges are.
 *
 * @param thresholdBytes objects larger than this fan out; smaller ones are ingested whole
 * @param rangeBytes the target size of one range; a range ends at the first record boundary after
 *     its nominal end, so real ranges differ by up to one record
 */
public record SplitSettings(long thresholdBytes, long rangeBytes) {

  /**
   * 6 GiB: about a third of what one 900 s invocation of a 1 GB Lambda ingests at ~22 MB/s, the
   * rate derived from the figures measured on this project's build machine (README "Large files").
   */
  public static final long DEFAULT_THRESHOLD = 6L << 30;

  /** 512 MiB: ~24 s per range at the same rate, and a few hundred ranges for a 100 GiB file. */
  public static final long DEFAULT_RANGE = 512L << 20;

  public static final SplitSettings DEFAULT = new SplitSettings(DEFAULT_THRESHOLD, DEFAULT_RANGE);

  public SplitSettings {
    if (thresholdBytes < 0) {
      throw new IllegalArgumentException(
          "thresholdBytes must not be negative, got " + thresholdBytes);
    }
    if (rangeBytes < 1) {
      throw new IllegalArgumentException("rangeBytes must be at least 1, got " + rangeBytes);
    }
  }

  /** Whether an object of this size fans out. */
  public boolean splits(long objectSize) {
    return objectSize > thresholdBytes;
  }
}
