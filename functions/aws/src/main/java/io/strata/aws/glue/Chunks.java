package io.strata.aws.glue;

import java.util.ArrayList;
import java.util.List;

/** Splits a list into consecutive chunks, for Glue's batch calls that take at most 100 items. */
final class Chunks {

  /** The most partitions one BatchCreatePartition call accepts. */
  static final int GLUE_BATCH_LIMIT = 100;

  private Chunks() {}

  /** The items in order, in chunks of {@code size} items; the last one may be shorter. */
  static <T> List<List<T>> of(List<T> items, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("Chunk size must be at least 1, got " + size);
    }
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += size) {
      chunks.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
    }
    return chunks;
  }
}
