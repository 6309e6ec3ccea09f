package io.strata.core.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;

/**
 * Passes the first bytes of a stream on, then ends it the way a dropped connection looks to a
 * reader: a normal end of stream (what HTTP clients report when the server closes before the
 * announced length) or a reset.
 */
public final class CutInputStream extends FilterInputStream {

  /** How the stream ends after its bytes. */
  public enum Cut {
    /** A normal end of stream. */
    SILENT_END,
    /** An I/O error, as a reset connection surfaces. */
    CONNECTION_RESET
  }

  private final Cut cut;
  private long left;

  public CutInputStream(InputStream in, long bytes, Cut cut) {
    super(in);
    this.left = bytes;
    this.cut = cut;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (left == 0) {
      if (cut == Cut.CONNECTION_RESET) {
        throw new SocketException("Connection reset");
      }
      return -1;
    }
    int n = super.read(b, off, (int) Math.min(len, left));
    if (n > 0) {
      left -= n;
    }
    return n;
  }
}
