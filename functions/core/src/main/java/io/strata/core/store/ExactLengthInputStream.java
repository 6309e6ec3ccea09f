package io.strata.core.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * The bytes of one object version, checked to be all of it: the stream must end exactly at the size
 * the object had when it was opened (S3's {@code Content-Length}). HTTP clients report a connection
 * that closes early as a normal end of the body, and a file rewritten in place shrinks under its
 * reader, so a short read would otherwise look like a whole, smaller file.
 *
 * <p>Every failure is an {@link IncompleteReadException}, thrown unchecked from {@code read} so
 * that no parser between here and the ingest mistakes it for broken data: an I/O error of the
 * underlying stream, an end before {@code size} bytes, bytes beyond {@code size}, or the end check
 * (given by the store: is the object still the version that was opened?) failing once the last byte
 * was read. The failure is remembered and thrown again by every later call.
 */
public final class ExactLengthInputStream extends FilterInputStream {

  /** The size of a stream whose length nobody announced: only its I/O errors are translated. */
  public static final long UNKNOWN_SIZE = -1;

  /** Checks, once the whole size was read, that the object is still the version that was read. */
  @FunctionalInterface
  public interface EndCheck {

    /**
     * @throws IncompleteReadException when the object changed while it was read
     */
    void verify();
  }

  private final String bucket;
  private final String key;
  private final long size;
  private final EndCheck endCheck;
  private long count;
  private boolean ended;
  private IncompleteReadException failure;

  /**
   * @param size the object's size in bytes when it was opened, or {@link #UNKNOWN_SIZE}
   * @param endCheck run once when the stream ends after exactly {@code size} bytes; null for none
   */
  public ExactLengthInputStream(
      InputStream in, String bucket, String key, long size, EndCheck endCheck) {
    super(Objects.requireNonNull(in, "in"));
    if (size < UNKNOWN_SIZE) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.key = Objects.requireNonNull(key, "key");
    this.size = size;
    this.endCheck = endCheck;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (failure != null) {
      throw failure;
    }
    if (ended) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException e) {
      String of = size == UNKNOWN_SIZE ? "" : " of " + size;
      throw fail("the read broke off after " + count + of + " bytes: " + reason(e), e);
    }
    if (n < 0) {
      end();
      return -1;
    }
    count += n;
    if (size != UNKNOWN_SIZE && count > size) {
      throw fail("it holds more than the " + size + " bytes it had when it was opened", null);
    }
    return n;
  }

  /** Reads, not skips, so every byte is counted. */
  @Override
  public long skip(long n) {
    byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long skipped = 0;
    while (skipped < n) {
      int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return ended || failure != null ? 0 : in.available();
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readLimit) {
    // Not supported: a reset would count bytes twice.
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  /**
   * Reads what the consumer left unread (a parser may stop before the end, gzip before trailing
   * bytes) and checks the end; call it once the consumer is done.
   *
   * @return the number of bytes the object held
   * @throws IncompleteReadException when the stream was not the whole object version
   */
  public long readToEnd() {
    byte[] scratch = new byte[8192];
    while (read(scratch, 0, scratch.length) >= 0) {
      // Counting is all that matters here.
    }
    return count;
  }

  /** The failure this stream threw, if any; it wins over any error a parser derived from it. */
  public Optional<IncompleteReadException> failure() {
    return Optional.ofNullable(failure);
  }

  private void end() {
    if (size != UNKNOWN_SIZE && count < size) {
      throw fail("the read ended after " + count + " of " + size + " bytes", null);
    }
    if (endCheck != null) {
      try {
        endCheck.verify();
      } catch (IncompleteReadException e) {
        failure = e;
        throw e;
      }
    }
    ended = true;
  }

  private IncompleteReadException fail(String reason, Throwable cause) {
    failure = new IncompleteReadException(bucket, key, reason, cause);
    return failure;
  }

  /** The cause's own words, without a "Cannot read s3://…: " prefix naming this object again. */
  private String reason(IOException e) {
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    String prefix = ObjectStoreException.message("read", bucket, key, "");
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
