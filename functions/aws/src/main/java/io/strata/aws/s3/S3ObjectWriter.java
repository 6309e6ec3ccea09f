package io.strata.aws.s3;

import io.strata.core.store.ObjectStoreException;
import io.strata.core.store.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams one object to S3 holding at most one part in memory: full parts go up as a multipart
 * upload (started lazily with the first full part), and an object smaller than one part is written
 * by a single PutObject on {@link #close()}. Any failure aborts the upload, so no parts are left
 * behind. Not thread-safe.
 */
final class S3ObjectWriter extends ObjectWriter {

  private enum State {
    OPEN,
    CLOSED,
    ABORTED,
    FAILED
  }

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final String contentType;
  private final int partSize;
  private final List<CompletedPart> parts = new ArrayList<>();
  private PartBuffer buffer = new PartBuffer();
  private long written;
  private String uploadId;
  private State state = State.OPEN;

  S3ObjectWriter(S3Client s3, String bucket, String key, String contentType, int partSize) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.key = Objects.requireNonNull(key, "key");
    this.contentType = contentType;
    this.partSize = partSize;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    ensureOpen();
    int remaining = length;
    int position = offset;
    while (remaining > 0) {
      if (buffer.size() == partSize) {
        uploadPart();
      }
      int chunk = Math.min(remaining, partSize - buffer.size());
      buffer.write(bytes, position, chunk);
      written += chunk;
      position += chunk;
      remaining -= chunk;
    }
  }

  @Override
  public long bytesWritten() {
    return written;
  }

  /** Commits the object; a no-op after {@link #abort()}, a failure or an earlier close. */
  @Override
  public void close() {
    if (state != State.OPEN) {
      return;
    }
    try {
      if (uploadId == null) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), buffer.body());
      } else {
        if (buffer.size() > 0) {
          uploadPart();
        }
        s3.completeMultipartUpload(
            b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
      }
      state = State.CLOSED;
      buffer = null;
    } catch (SdkException | UncheckedIOException e) {
      throw fail(e);
    }
  }

  @Override
  public void abort() {
    if (state == State.CLOSED || state == State.ABORTED) {
      return;
    }
    state = State.ABORTED;
    buffer = null;
    if (uploadId != null) {
      String id = uploadId;
      uploadId = null;
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
      } catch (SdkException | UncheckedIOException e) {
        throw new ObjectStoreException(
            ObjectStoreException.message(
                "abort upload " + id + " to", bucket, key, S3Errors.reason(e)),
            e);
      }
    }
  }

  private void uploadPart() {
    try {
      if (uploadId == null) {
        uploadId =
            s3.createMultipartUpload(
                    b ->
                        b.bucket(bucket)
                            .key(key)
                            .contentType(contentType)
                            .checksumAlgorithm(ChecksumAlgorithm.CRC32))
                .uploadId();
      }
      int partNumber = parts.size() + 1;
      UploadPartResponse response =
          s3.uploadPart(
              b ->
                  b.bucket(bucket)
                      .key(key)
                      .uploadId(uploadId)
                      .partNumber(partNumber)
                      .checksumAlgorithm(ChecksumAlgorithm.CRC32),
              buffer.body());
      parts.add(
          CompletedPart.builder()
              .partNumber(partNumber)
              .eTag(response.eTag())
              .checksumCRC32(response.checksumCRC32())
              .build());
      buffer.clear();
    } catch (SdkException | UncheckedIOException e) {
      throw fail(e);
    }
  }

  private ObjectStoreException fail(RuntimeException cause) {
    state = State.FAILED;
    buffer = null;
    ObjectStoreException failure =
        new ObjectStoreException(
            ObjectStoreException.message("write", bucket, key, S3Errors.reason(cause)), cause);
    if (uploadId != null) {
      String id = uploadId;
      uploadId = null;
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
      } catch (SdkException | UncheckedIOException abortFailure) {
        failure.addSuppressed(abortFailure);
      }
    }
    return failure;
  }

  private void ensureOpen() throws IOException {
    if (state != State.OPEN) {
      throw new IOException(
          ObjectStoreException.message(
              "write", bucket, key, "the writer is " + state.name().toLowerCase()));
    }
  }
}
