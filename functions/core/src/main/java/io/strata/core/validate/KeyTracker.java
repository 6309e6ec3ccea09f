package io.strata.core.validate;

import io.strata.core.contract.DatasetContract;
import java.util.Arrays;

/**
 * Tells whether a row's business key was already seen in this file, remembering a 64-bit hash per
 * key. Two different keys share a hash with probability about n²/2⁶⁵ for n rows (under 3 in a
 * million for 10 million rows); the later row would then be reported as a duplicate.
 *
 * <p>Heap stays flat in the file's size. Recent hashes live in an in-memory set capped at {@link
 * KeySpillSettings#maxKeysInMemory()} keys (a 32 MiB table by default, 48 MiB for the one moment it
 * doubles into that size). When the set is full it is written sorted to a temporary run file and
 * emptied, and its keys go into one Bloom filter of fixed size ({@link
 * KeySpillSettings#bloomFilterBytes()}, 16 MiB by default, allocated at the first spill). Each run
 * keeps 32 KiB of sampled hashes, and runs merge in tiers of eight, so there are at most seven per
 * level. A new key costs a Bloom filter probe plus a set insert; only when the filter says "maybe"
 * are the runs searched on disk. Disk use is 8 bytes per distinct key beyond the in-memory set,
 * about 8 bytes per row beyond the cap, briefly more while runs merge. Files with fewer distinct
 * keys than the cap never touch the disk.
 *
 * <p>{@link #close()} deletes the run files. Not thread-safe: one tracker per ingest.
 */
public final class KeyTracker implements AutoCloseable {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long NULL_MARK = 0x9e3779b97f4a7c15L;

  private final int[] keyColumns;
  private final KeySpillSettings settings;
  private final LongHashSet seen = new LongHashSet();
  private final LongHashSet.SortedSink spillSink = this::spill;
  private KeyBloomFilter spilledFilter;
  private SpilledKeyRuns runs;
  private long[] hashes = new long[0];

  /** Sums the values loaded ahead, so that the compiler cannot drop the loads. */
  @SuppressWarnings("unused")
  private long loads;

  /** A tracker with {@link KeySpillSettings#defaults()}. */
  public KeyTracker(DatasetContract contract) {
    this(contract, KeySpillSettings.defaults());
  }

  /**
   * A tracker that spills to disk as the settings say; nothing is written before the first spill.
   */
  public KeyTracker(DatasetContract contract, KeySpillSettings settings) {
    this.keyColumns = contract.key().stream().mapToInt(contract::indexOf).toArray();
    this.settings = settings;
  }

  /**
   * True the first time a key occurs (and always when the contract declares no key).
   *
   * @param typed the validated values in contract order
   * @throws java.io.UncheckedIOException if spilled keys cannot be written or read
   */
  public boolean firstSeen(Object[] typed) {
    if (keyColumns.length == 0) {
      return true;
    }
    return firstSeenHash(hash(typed));
  }

  /**
   * {@link #firstSeen(Object[])} for many rows at once, in their order: {@code first[i]} tells
   * whether row i's key occurs for the first time, counting the rows before it in the batch. The
   * hash table slots (and Bloom filter words) of the whole batch are loaded before any key is
   * inserted, so that their cache misses overlap instead of following one another: a table of
   * millions of keys misses the cache on nearly every row.
   *
   * @param rows validated values of each row, in contract order
   */
  public void firstSeen(Object[][] rows, int count, boolean[] first) {
    if (keyColumns.length == 0) {
      Arrays.fill(first, 0, count, true);
      return;
    }
    if (hashes.length < count) {
      hashes = new long[count];
    }
    for (int i = 0; i < count; i++) {
      hashes[i] = hash(rows[i]);
    }
    long loaded = seen.load(hashes, count);
    if (spilledFilter != null) {
      loaded += spilledFilter.load(hashes, count);
    }
    loads += loaded;
    for (int i = 0; i < count; i++) {
      first[i] = firstSeenHash(hashes[i]);
    }
  }

  /** Number of distinct keys seen. */
  public long distinctKeys() {
    return seen.size() + (runs == null ? 0 : runs.keys());
  }

  /** Deletes the spilled run files; the tracker must not be used afterwards. */
  @Override
  public void close() {
    if (runs != null) {
      runs.close();
    }
  }

  boolean firstSeenHash(long hash) {
    if (spilledFilter != null && spilledFilter.mightContain(hash) && runs.contains(hash)) {
      return false;
    }
    if (!seen.add(hash)) {
      return false;
    }
    if (seen.size() >= settings.maxKeysInMemory()) {
      seen.drainSorted(spillSink);
    }
    return true;
  }

  /** Hashes held in memory, at most {@link KeySpillSettings#maxKeysInMemory()}. */
  long keysInMemory() {
    return seen.size();
  }

  private void spill(long[] sorted, int count) {
    if (runs == null) {
      runs = new SpilledKeyRuns(settings.directory());
      spilledFilter = new KeyBloomFilter(settings.bloomFilterBytes());
    }
    runs.write(sorted, count);
    for (int i = 0; i < count; i++) {
      spilledFilter.add(sorted[i]);
    }
  }

  /**
   * The 64-bit hash this tracker remembers for a row's key: equal keys hash equally in every
   * tracker of the contract, so the workers of one file can compare their keys.
   */
  public long hash(Object[] typed) {
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
