package io.strata.core.validate;

import io.strata.core.contract.DatasetContract;

/**
 * Tells whether a row's business key was already seen in this file. It remembers only a 64-bit hash
 * per key (about 11 bytes per distinct key with the hash table's free space), so a file of any
 * length fits in memory. Two different keys share a hash with probability about n²/2⁶⁵ for n rows
 * (under 3 in a million for 10 million rows); the later row would then be reported as a duplicate.
 * Not thread-safe: one tracker per ingest.
 */
public final class KeyTracker {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long NULL_MARK = 0x9e3779b97f4a7c15L;

  private final int[] keyColumns;
  private final LongHashSet seen = new LongHashSet();

  public KeyTracker(DatasetContract contract) {
    this.keyColumns = contract.key().stream().mapToInt(contract::indexOf).toArray();
  }

  /**
   * True the first time a key occurs (and always when the contract declares no key).
   *
   * @param typed the validated values in contract order
   */
  public boolean firstSeen(Object[] typed) {
    if (keyColumns.length == 0) {
      return true;
    }
    return seen.add(hash(typed));
  }

  /** Number of distinct keys seen. */
  public long distinctKeys() {
    return seen.size();
  }

  long hash(Object[] typed) {
    long h = FNV_OFFSET;
    for (int column : keyColumns) {
      Object value = typed[column];
      if (value == null) {
        h = (h ^ NULL_MARK) * FNV_PRIME;
      } else if (value instanceof Long || value instanceof Integer) {
        h = (h ^ ((Number) value).longValue()) * FNV_PRIME;
      } else {
        String text = value.toString();
        h = (h ^ text.length()) * FNV_PRIME;
        for (int i = 0; i < text.length(); i++) {
          h = (h ^ text.charAt(i)) * FNV_PRIME;
        }
      }
      h = (h ^ 0xff) * FNV_PRIME;
    }
    return mix(h);
  }

  /** MurmurHash3's finaliser, so that every input bit affects every output bit. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb33e75fd5cb1L;
    h ^= h >>> 33;
    return h;
  }
}
