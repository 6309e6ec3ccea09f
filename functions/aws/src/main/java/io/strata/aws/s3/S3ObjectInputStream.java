package io.strata.aws.s3;

import io.strata.core.store.ObjectStoreException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The body of a GetObject answer; SDK exceptions raised while reading (a checksum mismatch, a
 * dropped connection) become {@link IOException}s naming the object, so no SDK type leaks out.
 */
final class S3ObjectInputStream extends FilterInputStream {

  private final String bucket;
  private final String key;

  S3ObjectInputStream(InputStream body, String bucket, String key) {
    super(body);
    this.bucket = bucket;
    this.key = key;
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (SdkException | UncheckedIOException e) {
      throw translate(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (SdkException | UncheckedIOException e) {
      throw translate(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (SdkException | UncheckedIOException e) {
      throw translate(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } catch (SdkException | UncheckedIOException e) {
      throw translate(e);
    }
  }

  private IOException translate(RuntimeException e) {
    return new IOException(
        ObjectStoreException.message("read", bucket, key, S3Errors.reason(e)), e);
  }
}
