package io.strata.core.ingest.split;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntFunction;

/**
 * Finds business keys that more than one range accepted: a k-way merge of the ranges' sorted key
 * lists ({@link RangeKeys}). The whole-file path keeps a key's first row by line and rejects every
 * later one; ranges are in line order, so of a key seen by several ranges the earliest range keeps
 * it and each later range must reject its row. Reads every list once, sequentially, holding one
 * pair per range in memory; a clean file costs that one read and nothing else.
 */
public final class CrossRangeKeys {

  private CrossRangeKeys() {}

  /**
   * The lines each range must reject as repeated keys, sorted; empty arrays for ranges without.
   *
   * @param lists opens the key list of range i, or returns null when range i has none
   */
  public static long[][] duplicates(int ranges, IntFunction<InputStream> lists) {
    List<RangeKeys.Reader> readers = new ArrayList<>();
    List<List<Long>> found = new ArrayList<>();
    PriorityQueue<int[]> heads =
        new PriorityQueue<>(
            Math.max(1, ranges),
            (a, b) -> {
              int byHash = Long.compare(readers.get(a[0]).hash(), readers.get(b[0]).hash());
              return byHash != 0 ? byHash : Integer.compare(a[0], b[0]);
            });
    try {
      for (int i = 0; i < ranges; i++) {
        found.add(new ArrayList<>());
        InputStream in = lists.apply(i);
        RangeKeys.Reader reader = in == null ? null : new RangeKeys.Reader(in);
        readers.add(reader);
        if (reader != null && reader.next()) {
          heads.add(new int[] {i});
        }
      }
      while (!heads.isEmpty()) {
        int[] first = heads.poll();
        long hash = readers.get(first[0]).hash();
        advance(readers, heads, first);
        while (!heads.isEmpty() && readers.get(heads.peek()[0]).hash() == hash) {
          int[] later = heads.poll();
          found.get(later[0]).add(readers.get(later[0]).line());
          advance(readers, heads, later);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot merge the key lists: " + e.getMessage(), e);
    } finally {
      for (RangeKeys.Reader reader : readers) {
        closeQuietly(reader);
      }
    }
    long[][] lines = new long[ranges][];
    for (int i = 0; i < ranges; i++) {
      lines[i] = found.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
    }
    return lines;
  }

  private static void advance(
      List<RangeKeys.Reader> readers, PriorityQueue<int[]> heads, int[] head) throws IOException {
    if (readers.get(head[0]).next()) {
      heads.add(head);
    }
  }

  private static void closeQuietly(RangeKeys.Reader reader) {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException e) {
        // Reading is over; a failed close loses nothing.
      }
    }
  }
}
