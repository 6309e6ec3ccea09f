package io.strata.core.parse;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The bytes of a raw file: gzip is recognised by its magic bytes whatever the file is called, and
 * decompressed with guards against gzip bombs (see {@link ParseLimits}): an absolute size and an
 * expansion ratio.
 */
final class SourceInput {

  /**
   * The decompressor's input buffer. Small, so that the compressed bytes read so far are close to
   * what the decompressor consumed and a bomb's ratio shows after little output.
   */
  private static final int GZIP_BUFFER = 8192;

  private SourceInput() {}

  static InputStream open(InputStream raw, ParseLimits limits) {
    CountingStream compressed = new CountingStream(raw);
    PushbackInputStream in = new PushbackInputStream(compressed, 2);
    try {
      byte[] magic = in.readNBytes(2);
      in.unread(magic);
      if (magic.length < 2 || magic[0] != (byte) 0x1f || magic[1] != (byte) 0x8b) {
        return in;
      }
      try {
        return new GuardedGzipStream(new GZIPInputStream(in, GZIP_BUFFER), limits, compressed);
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

  /** Counts the bytes of the raw file read so far, compressed as they are. */
  private static final class CountingStream extends FilterInputStream {

    private long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += Math.max(skipped, 0);
      return skipped;
    }
  }

  /**
   * Counts decompressed bytes against both gzip guards and turns corrupt data into a file
   * rejection. The guards are checked on every read, so a bomb is refused within one read buffer
   * past the point where it gives itself away.
   */
  private static final class GuardedGzipStream extends FilterInputStream {

    private final ParseLimits limits;
    private final CountingStream compressed;
    private long count;

    GuardedGzipStream(InputStream gzip, ParseLimits limits, CountingStream compressed) {
      super(gzip);
      this.limits = limits;
      this.compressed = compressed;
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
        check();
      }
      return n;
    }

    private void check() {
      if (count > limits.maxDecompressedBytes()) {
        throw new FileRejectedException(
            "decompression_limit",
            "Cannot decompress file: it expands beyond "
                + limits.maxDecompressedBytes()
                + " bytes");
      }
      long read = Math.max(compressed.count, 1);
      if (count > limits.expansionCheckAfterBytes()
          && count > read * (long) limits.maxExpansionRatio()) {
        throw new FileRejectedException(
            "decompression_limit",
            "Cannot decompress file: it expands more than "
                + limits.maxExpansionRatio()
                + " times ("
                + count
                + " bytes from the first "
                + read
                + " compressed bytes), as a gzip bomb does");
      }
    }
  }
}
