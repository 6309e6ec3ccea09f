package io.strata.core.validate;

/**
 * A set of longs in one open-addressing array (linear probing, no boxing): about 11 bytes per
 * element at the 0.75 load factor it grows at. Zero marks a free slot and is tracked apart.
 */
final class LongHashSet {

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

  /** Number of elements. */
  long size() {
    return size + (containsZero ? 1 : 0);
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
