package io.strata.core.parse;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The bytes of a raw file: gzip is recognised by its magic bytes whatever the file is called, and
 * decompressed with a guard against gzip bombs.
 */
final class SourceInput {

  private static final int BUFFER = 1 << 16;

  private SourceInput() {}

  static InputStream open(InputStream raw, ParseLimits limits) {
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
    try {
      in.mark(2);
      int first = in.read();
      int second = in.read();
      in.reset();
      if (first != 0x1f || second != 0x8b) {
        return in;
      }
      try {
        return new GuardedGzipStream(
            new GZIPInputStream(in, BUFFER), limits.maxDecompressedBytes());
      } catch (ZipException | EOFException e) {
        throw invalidGzip(e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read file: " + e.getMessage(), e);
    }
  }

  private static FileRejectedException invalidGzip(IOException e) {
    String reason = e instanceof EOFException ? "the data ends unexpectedly" : e.getMessage();
    return new FileRejectedException("invalid_gzip", "Cannot decompress file: " + reason, e);
  }

  /** Counts decompressed bytes and turns corrupt data into a file rejection. */
  private static final class GuardedGzipStream extends FilterInputStream {

    private final long limit;
    private long count;

    GuardedGzipStream(InputStream gzip, long limit) {
      super(gzip);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = super.read(b, off, len);
      } catch (ZipException | EOFException e) {
        throw invalidGzip(e);
      }
      if (n > 0) {
        count += n;
        if (count > limit) {
          throw new FileRejectedException(
              "decompression_limit",
              "Cannot decompress file: it expands beyond " + limit + " bytes");
        }
      }
      return n;
    }
  }
}
