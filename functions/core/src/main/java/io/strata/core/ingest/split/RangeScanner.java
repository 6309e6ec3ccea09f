package io.strata.core.ingest.split;

import java.io.IOException;
import java.io.InputStream;

/**
 * Scans the bytes of one range for line feeds and quotes ({@link RangeScan}). Works on bytes, not
 * characters: a line feed (0x0A) and an ASCII quote are never part of a multi-byte character in
 * UTF-8 or the single-byte charsets a split is allowed for, so a boundary after a line feed never
 * cuts a character.
 */
public final class RangeScanner {

  private static final int BUFFER = 1 << 16;

  private RangeScanner() {}

  /**
   * @param in the bytes {@code [start, end)}, then at most one more byte (looked at only to tell a
   *     lone carriage return at the range's end from a CRLF)
   * @param quote the quote byte, or -1 when quotes do not matter (JSON Lines)
   */
  public static RangeScan scan(InputStream in, long start, long end, int quote) throws IOException {
    byte[] buf = new byte[BUFFER];
    long pos = start;
    long feeds = 0;
    long quotes = 0;
    long evenFeed = -1;
    long feedsBeforeEven = 0;
    long oddFeed = -1;
    long feedsBeforeOdd = 0;
    long loneCr = 0;
    boolean pendingCr = false;
    int n;
    while (pos < end && (n = in.read(buf, 0, (int) Math.min(buf.length, end - pos))) > 0) {
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (pendingCr && b != '\n') {
          loneCr++;
        }
        pendingCr = b == '\r';
        if (b == '\n') {
          if ((quotes & 1) == 0) {
            if (evenFeed < 0) {
              evenFeed = pos + i;
              feedsBeforeEven = feeds;
            }
          } else if (oddFeed < 0) {
            oddFeed = pos + i;
            feedsBeforeOdd = feeds;
          }
          feeds++;
        } else if (b == quote) {
          quotes++;
        }
      }
      pos += n;
    }
    if (pos < end) {
      throw new IOException("the range ends at byte " + pos + ", expected " + end);
    }
    if (pendingCr) {
      int next = in.read();
      if (next != '\n') {
        loneCr++;
      }
    }
    return new RangeScan(
        start, end, feeds, quotes, evenFeed, feedsBeforeEven, oddFeed, feedsBeforeOdd, loneCr);
  }
}
