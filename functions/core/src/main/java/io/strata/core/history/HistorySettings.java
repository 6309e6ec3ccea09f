package io.strata.core.history;

/**
 * Limits of a {@link HistoryWriter}. Memory is bounded by about {@code maxOpenFiles *
 * rowGroupBytes}.
 *
 * @param rowGroupBytes buffered (encoded, compressed) bytes per open file before a row group is
 *     flushed to the object
 * @param maxOpenFiles partitions written at once; the least recently used file is closed beyond
 * @param maxFileRows rows per file before the next file of the partition is started
 * @param encoderThreads 1 to encode and compress rows on a thread of the writer's own while the
 *     caller parses and validates the next ones (about twice the throughput on two cores, a few
 *     thousand rows more in memory); 0 to do everything on the caller's thread
 */
public record HistorySettings(
    long rowGroupBytes, int maxOpenFiles, long maxFileRows, int encoderThreads) {

  /** 16 MiB row groups, 8 open files, at most 10 million rows per file, one encoder thread. */
  public static final HistorySettings DEFAULT = new HistorySettings(16L << 20, 8, 10_000_000L);

  /** Settings with one encoder thread. */
  public HistorySettings(long rowGroupBytes, int maxOpenFiles, long maxFileRows) {
    this(rowGroupBytes, maxOpenFiles, maxFileRows, 1);
  }

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
    if (encoderThreads < 0 || encoderThreads > 1) {
      throw new IllegalArgumentException("encoderThreads must be 0 or 1, got " + encoderThreads);
    }
  }

  /** These settings with another number of encoder threads. */
  public HistorySettings withEncoderThreads(int threads) {
    return new HistorySettings(rowGroupBytes, maxOpenFiles, maxFileRows, threads);
  }
}
