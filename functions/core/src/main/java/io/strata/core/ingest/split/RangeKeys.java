package io.strata.core.ingest.split;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The business keys one range accepted as new within the range: each key's 64-bit hash (the one
 * {@link io.strata.core.validate.KeyTracker} remembers) with the line of its first row, sorted by
 * hash for the merge across ranges ({@link CrossRangeKeys}). 16 bytes per row in memory and on the
 * store: a 512 MiB range of 100-byte rows holds ~5 million, 80 MiB.
 */
public final class RangeKeys {

  private long[] hashes = new long[1024];
  private long[] lines = new long[1024];
  private int size;

  public void add(long hash, long line) {
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
      lines = Arrays.copyOf(lines, size * 2);
    }
    hashes[size] = hash;
    lines[size] = line;
    size++;
  }

  public int size() {
    return size;
  }

  /** Sorted by hash (then line): big-endian count, then (hash, line) pairs. */
  public byte[] encode() {
    sort(0, size - 1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + size * 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(size);
      for (int i = 0; i < size; i++) {
        out.writeLong(hashes[i]);
        out.writeLong(lines[i]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads the pairs of {@link #encode()} one by one. */
  public static final class Reader implements AutoCloseable {

    private final DataInputStream in;
    private long left;
    private long hash;
    private long line;

    public Reader(InputStream in) throws IOException {
      this.in = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
      this.left = this.in.readLong();
    }

    /** Advances to the next pair; false at the end. */
    public boolean next() throws IOException {
      if (left == 0) {
        return false;
      }
      left--;
      hash = in.readLong();
      line = in.readLong();
      return true;
    }

    public long hash() {
      return hash;
    }

    public long line() {
      return line;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Quicksort of the two arrays by (hash, line); keys are uniformly spread hashes. */
  private void sort(int lo, int hi) {
    while (lo < hi) {
      if (hi - lo < 16) {
        insertion(lo, hi);
        return;
      }
      int mid = (lo + hi) >>> 1;
      long pivotHash = hashes[mid];
      long pivotLine = lines[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (less(hashes[i], lines[i], pivotHash, pivotLine)) {
          i++;
        }
        while (less(pivotHash, pivotLine, hashes[j], lines[j])) {
          j--;
        }
        if (i <= j) {
          swap(i++, j--);
        }
      }
      if (j - lo < hi - i) {
        sort(lo, j);
        lo = i;
      } else {
        sort(i, hi);
        hi = j;
      }
    }
  }

  private void insertion(int lo, int hi) {
    for (int i = lo + 1; i <= hi; i++) {
      for (int j = i; j > lo && less(hashes[j], lines[j], hashes[j - 1], lines[j - 1]); j--) {
        swap(j, j - 1);
      }
    }
  }

  private static boolean less(long h1, long l1, long h2, long l2) {
    return h1 < h2 || (h1 == h2 && l1 < l2);
  }

  private void swap(int a, int b) {
    long h = hashes[a];
    hashes[a] = hashes[b];
    hashes[b] = h;
    long l = lines[a];
    lines[a] = lines[b];
    lines[b] = l;
  }
}
