package io.strata.core.quality;

/**
 * The last value seen in each of a fixed number of slots, so that a value repeated while still
 * remembered can skip its distinct-count sketch update. An HLL sketch only keeps the maximum per
 * register (and its estimator only moves when a register does), so updating it again with a value
 * it has already seen changes nothing: skipping is exact. It saves the sketch's hash and update on
 * columns with few distinct values (dates, categories, names), and costs one array probe elsewhere.
 */
final class RecentValues {

  private static final int SLOT_BITS = 10;

  private final long[] values = new long[1 << SLOT_BITS];
  private final boolean[] used = new boolean[1 << SLOT_BITS];

  /**
   * Remembers the value.
   *
   * @return false when the value's slot already held it, so the sketch has seen it
   */
  boolean add(long value) {
    int slot = (int) ((value * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - SLOT_BITS));
    if (used[slot] && values[slot] == value) {
      return false;
    }
    used[slot] = true;
    values[slot] = value;
    return true;
  }

  /** Forgets every value, for a sketch that was replaced by one that may not hold them. */
  void clear() {
    java.util.Arrays.fill(used, false);
  }
}
