package io.strata.core.validate;

import java.util.Arrays;

/**
 * A set of longs in one open-addressing array (linear probing, no boxing): about 11 bytes per
 * element at the 0.75 load factor it grows at. Zero marks a free slot and is tracked apart.
 */
final class LongHashSet {

  /** Receives the elements of a drained set, sorted ascending (signed) in {@code [0, count)}. */
  @FunctionalInterface
  interface SortedSink {
    void accept(long[] sorted, int count);
  }

  private long[] slots = new long[1 << 10];
  private int size;
  private boolean containsZero;

  /** Adds the value; false if it was already present. */
  boolean add(long value) {
    if (value == 0) {
      boolean added = !containsZero;
      containsZero = true;
      return added;
    }
    int mask = slots.length - 1;
    int i = spread(value) & mask;
    while (slots[i] != 0) {
      if (slots[i] == value) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = value;
    if (++size > slots.length / 4 * 3) {
      grow();
    }
    return true;
  }

  /**
   * Reads the first slot each of the values would probe and returns their sum, which means nothing:
   * it only makes the reads happen, so that the slots are in the cache for {@link #add}.
   */
  long load(long[] values, int count) {
    long[] table = slots;
    int mask = table.length - 1;
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += table[spread(values[i]) & mask];
    }
    return sum;
  }

  /** Number of elements. */
  long size() {
    return size + (containsZero ? 1 : 0);
  }

  /**
   * Sorts the elements in place at the front of the table, hands them to the sink and leaves the
   * set empty, keeping its table so that refilling it allocates nothing.
   */
  void drainSorted(SortedSink sink) {
    int count = 0;
    for (int i = 0; i < slots.length; i++) {
      long value = slots[i];
      if (value != 0) {
        slots[count++] = value;
      }
    }
    if (containsZero) {
      // The load factor keeps at least a quarter of the table free, so there is room.
      slots[count++] = 0;
    }
    Arrays.sort(slots, 0, count);
    try {
      sink.accept(slots, count);
    } finally {
      Arrays.fill(slots, 0);
      size = 0;
      containsZero = false;
    }
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long value : old) {
      if (value != 0) {
        int i = spread(value) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = value;
      }
    }
  }

  private static int spread(long value) {
    return (int) (value ^ (value >>> 32));
  }
}
