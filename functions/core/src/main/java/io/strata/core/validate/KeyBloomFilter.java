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
