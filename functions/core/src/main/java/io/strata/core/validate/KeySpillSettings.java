package io.strata.core.validate;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How much heap a {@link KeyTracker} may use before it spills key hashes to disk, and where.
 *
 * @param maxKeysInMemory key hashes held in the in-memory set before it is spilled as a sorted run
 * @param bloomFilterBytes size of the Bloom filter over spilled keys, a power of two from 8 bytes
 *     to 256 MiB
 * @param directory where the temporary run files go
 */
public record KeySpillSettings(int maxKeysInMemory, int bloomFilterBytes, Path directory) {

  /** 2 M keys: at most a 32 MiB hash table (48 MiB for the moment it doubles into that size). */
  public static final int DEFAULT_MAX_KEYS_IN_MEMORY = 1 << 21;

  /** 16 MiB of bits: 16 bits per spilled key for a 10 M row file. */
  public static final int DEFAULT_BLOOM_FILTER_BYTES = 1 << 24;

  private static final int MAX_BLOOM_FILTER_BYTES = 1 << 28;

  public KeySpillSettings {
    if (maxKeysInMemory < 1) {
      throw new IllegalArgumentException(
          "Cannot track business keys: maxKeysInMemory must be positive, got " + maxKeysInMemory);
    }
    if (bloomFilterBytes < Long.BYTES
        || bloomFilterBytes > MAX_BLOOM_FILTER_BYTES
        || Integer.bitCount(bloomFilterBytes) != 1) {
      throw new IllegalArgumentException(
          "Cannot track business keys: bloomFilterBytes must be a power of two from 8 to "
              + MAX_BLOOM_FILTER_BYTES
              + ", got "
              + bloomFilterBytes);
    }
    Objects.requireNonNull(directory, "directory");
  }

  /** The defaults, spilling to {@code java.io.tmpdir}. */
  public static KeySpillSettings defaults() {
    return new KeySpillSettings(
        DEFAULT_MAX_KEYS_IN_MEMORY,
        DEFAULT_BLOOM_FILTER_BYTES,
        Path.of(System.getProperty("java.io.tmpdir")));
  }
}
