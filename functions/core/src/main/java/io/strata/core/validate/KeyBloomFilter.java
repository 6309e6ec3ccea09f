package io.strata.core.validate;

/**
 * A fixed-size Bloom filter over 64-bit key hashes: it never grows, it only answers "maybe" more
 * often as keys are added. The hashes are already well mixed, so the probe positions come from the
 * hash itself by double hashing (low bits as the start, high bits as the odd stride).
 */
final class KeyBloomFilter {

  static final int PROBES = 5;

  private final long[] words;
  private final long mask;

  /**
   * @param bytes the size of the bit array, a power of two of at least 8
   */
  KeyBloomFilter(int bytes) {
    this.words = new long[bytes / Long.BYTES];
    this.mask = (long) bytes * Byte.SIZE - 1;
  }

  void add(long hash) {
    long stride = (hash >>> 32) | 1;
    long position = hash;
    for (int i = 0; i < PROBES; i++) {
      long bit = position & mask;
      words[(int) (bit >>> 6)] |= 1L << bit;
      position += stride;
    }
  }

  /**
   * Reads every word the hashes would probe and returns a sum that means nothing: it only makes the
   * reads happen, so that the words are in the cache for {@link #mightContain}.
   */
  long load(long[] hashes, int count) {
    long sum = 0;
    for (int h = 0; h < count; h++) {
      long hash = hashes[h];
      long stride = (hash >>> 32) | 1;
      long position = hash;
      for (int i = 0; i < PROBES; i++) {
        sum += words[(int) ((position & mask) >>> 6)];
        position += stride;
      }
    }
    return sum;
  }

  /** False only if the hash was certainly never added. */
  boolean mightContain(long hash) {
    long stride = (hash >>> 32) | 1;
    long position = hash;
    for (int i = 0; i < PROBES; i++) {
      long bit = position & mask;
      if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
      position += stride;
    }
    return true;
  }
}
