package io.strata.core.validate;

import java.util.Arrays;

/**
 * A set of longs in one open-addressing array (linear probing, no boxing): about 11 bytes per
 * element at the 0.75 load factor it grows at. Zero marks a free slot and is tracked apart.
 *
 * <p>The values are hashes already (well mixed), so a value's home slot is simply its top bits,
 * with the sign bit flipped: slot order is then signed value order. Probing runs forward into a
 * small overflow area past the last home slot (wrapping to the start only beyond it), so the table
 * holds its values nearly sorted, out of order only within a cluster, and {@link #drainSorted}
 * sorts them in linear time by insertion; values that defeat this (not hashes: crowded top bits)
 * fall back to a full sort.
 */
final class LongHashSet {

  /** Receives the elements of a drained set, sorted ascending (signed) in {@code [0, count)}. */
  @FunctionalInterface
  interface SortedSink {
    void accept(long[] sorted, int count);
  }

  /** Slots past the last home slot that a cluster runs into before it wraps to the start. */
  private static final int OVERFLOW = 64;

  private static final int INITIAL_BITS = 10;

  private int bits = INITIAL_BITS;
  private long[] slots = new long[(1 << INITIAL_BITS) + OVERFLOW];
  private int size;
  private boolean containsZero;

  /** Adds the value; false if it was already present. */
  boolean add(long value) {
    if (value == 0) {
      boolean added = !containsZero;
      containsZero = true;
      return added;
    }
    int i = home(value, bits);
    while (slots[i] != 0) {
      if (slots[i] == value) {
        return false;
      }
      i = next(i, slots.length);
    }
    slots[i] = value;
    if (++size > (1 << bits) / 4 * 3) {
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
    int tableBits = bits;
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += table[home(values[i], tableBits)];
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
    insertionSort(slots, count);
    if (containsZero) {
      // The load factor keeps at least a quarter of the table free, so there is room.
      int firstPositive = count;
      while (firstPositive > 0 && slots[firstPositive - 1] > 0) {
        firstPositive--;
      }
      System.arraycopy(slots, firstPositive, slots, firstPositive + 1, count - firstPositive);
      slots[firstPositive] = 0;
      count++;
    }
    try {
      sink.accept(slots, count);
    } finally {
      Arrays.fill(slots, 0);
      size = 0;
      containsZero = false;
    }
  }

  /**
   * Linear for values that are out of order only within short runs, as a cluster leaves them; past
   * a budget of moves (values that wrapped around, crowded top bits) a full sort takes over.
   */
  private static void insertionSort(long[] values, int count) {
    long budget = 8L * count + 1024;
    for (int i = 1; i < count; i++) {
      long value = values[i];
      int j = i - 1;
      while (j >= 0 && values[j] > value) {
        values[j + 1] = values[j];
        j--;
      }
      values[j + 1] = value;
      budget -= i - 1 - j;
      if (budget < 0) {
        Arrays.sort(values, 0, count);
        return;
      }
    }
  }

  private void grow() {
    long[] old = slots;
    bits++;
    slots = new long[(1 << bits) + OVERFLOW];
    for (long value : old) {
      if (value != 0) {
        int i = home(value, bits);
        while (slots[i] != 0) {
          i = next(i, slots.length);
        }
        slots[i] = value;
      }
    }
  }

  private static int next(int slot, int length) {
    return slot + 1 == length ? 0 : slot + 1;
  }

  /** The top bits of the value with its sign flipped: slot order is signed value order. */
  private static int home(long value, int bits) {
    return (int) ((value ^ Long.MIN_VALUE) >>> (Long.SIZE - bits));
  }
}
