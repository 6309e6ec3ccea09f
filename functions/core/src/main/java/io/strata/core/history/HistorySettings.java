package io.strata.core.history;

/**
 * Limits of a {@link HistoryWriter}. Memory is bounded by about {@code maxOpenFiles *
 * rowGroupBytes}.
 *
 * @param rowGroupBytes buffered (encoded, compressed) bytes per open file before a row group is
 *     flushed to the object
 * @param maxOpenFiles partitions written at once; the least recently used file is closed beyond
 * @param maxFileRows rows per file before the next file of the partition is started
 */
public record HistorySettings(long rowGroupBytes, int maxOpenFiles, long maxFileRows) {

  /** 16 MiB row groups, 8 open files, at most 10 million rows per file. */
  public static final HistorySettings DEFAULT = new HistorySettings(16L << 20, 8, 10_000_000L);

  public HistorySettings {
    if (rowGroupBytes < 64 * 1024) {
      throw new IllegalArgumentException(
          "rowGroupBytes must be at least 64 KiB, got " + rowGroupBytes);
    }
    if (maxOpenFiles < 1) {
      throw new IllegalArgumentException("maxOpenFiles must be at least 1, got " + maxOpenFiles);
    }
    if (maxFileRows < 1) {
      throw new IllegalArgumentException("maxFileRows must be at least 1, got " + maxFileRows);
    }
  }
}
