package io.strata.aws.s3;

import io.strata.core.store.ExactLengthInputStream;
import io.strata.core.store.IncompleteReadException;
import io.strata.core.store.ObjectChangedException;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectNotFoundException;
import io.strata.core.store.ObjectStoreException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.BiFunction;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The reads of {@link S3ObjectStore}: one GetObject each, whose body must end exactly at the
 * answer's {@code Content-Length} (HTTP clients report a connection closed early as a normal end).
 * A read not pinned by a version id also checks at its end, with a HeadObject, that the object is
 * still the one that was read, since a store without versions (a folder behind s3proxy) may rewrite
 * it under the reader.
 */
final class S3Reads {

  private final S3Client s3;
  private final BiFunction<String, String, Optional<ObjectInfo>> head;

  S3Reads(S3Client s3, BiFunction<String, String, Optional<ObjectInfo>> head) {
    this.s3 = s3;
    this.head = head;
  }

  InputStream open(String bucket, String key) {
    try {
      return whole(s3.getObject(b -> b.bucket(bucket).key(key)), bucket, key, null);
    } catch (SdkException | UncheckedIOException e) {
      if (S3Errors.isNotFound(e)) {
        throw new ObjectNotFoundException(bucket, key);
      }
      throw failure(bucket, key, e);
    }
  }

  /** By version id when given, else conditional on the ETag ({@code If-Match}). */
  InputStream open(String bucket, String key, String versionId, String eTag) {
    ResponseInputStream<GetObjectResponse> body;
    try {
      body =
          s3.getObject(
              b -> {
                b.bucket(bucket).key(key);
                if (versionId != null) {
                  b.versionId(versionId);
                } else if (eTag != null) {
                  b.ifMatch(ETags.quote(eTag));
                }
              });
    } catch (SdkException | UncheckedIOException e) {
      if (S3Errors.isNotFound(e)) {
        throw new ObjectNotFoundException(bucket, key);
      }
      if (S3Errors.isPreconditionFailed(e)) {
        throw new ObjectChangedException(
            bucket, key, versionId != null ? "version " + versionId : "ETag " + eTag);
      }
      throw failure(bucket, key, e);
    }
    GetObjectResponse answer = body.response();
    ExactLengthInputStream.EndCheck unchanged =
        versionId != null ? null : () -> requireUnchanged(bucket, key, answer);
    return whole(body, bucket, key, unchanged);
  }

  /**
   * Bytes {@code [start, end)} in one ranged GetObject, pinned like {@link #open(String, String,
   * String, String)}; S3 answers a ranged read from one version, so no end check is needed.
   */
  InputStream openRange(
      String bucket, String key, String versionId, String eTag, long start, long end) {
    if (start == end) {
      return InputStream.nullInputStream();
    }
    ResponseInputStream<GetObjectResponse> body;
    try {
      body =
          s3.getObject(
              b -> {
                b.bucket(bucket).key(key).range("bytes=" + start + "-" + (end - 1));
                if (versionId != null) {
                  b.versionId(versionId);
                } else if (eTag != null) {
                  b.ifMatch(ETags.quote(eTag));
                }
              });
    } catch (SdkException | UncheckedIOException e) {
      if (S3Errors.isNotFound(e)) {
        throw new ObjectNotFoundException(bucket, key);
      }
      if (S3Errors.isPreconditionFailed(e)) {
        throw new ObjectChangedException(
            bucket, key, versionId != null ? "version " + versionId : "ETag " + eTag);
      }
      throw failure(bucket, key, e);
    }
    return new ExactLengthInputStream(
        new S3ObjectInputStream(body, bucket, key), bucket, key, end - start, null);
  }

  /** The body checked against the answer's length; as it is when the answer gives none. */
  private static InputStream whole(
      ResponseInputStream<GetObjectResponse> body,
      String bucket,
      String key,
      ExactLengthInputStream.EndCheck endCheck) {
    InputStream in = new S3ObjectInputStream(body, bucket, key);
    Long length = body.response().contentLength();
    return length == null ? in : new ExactLengthInputStream(in, bucket, key, length, endCheck);
  }

  private void requireUnchanged(String bucket, String key, GetObjectResponse read) {
    ObjectInfo readVersion =
        new ObjectInfo(
            bucket,
            key,
            read.contentLength(),
            ETags.unquote(read.eTag()),
            null,
            read.lastModified());
    Optional<ObjectInfo> now = head.apply(bucket, key);
    if (now.isEmpty() || !ObjectInfo.sameVersion(readVersion, now.get())) {
      throw new IncompleteReadException(bucket, key, "it changed while it was read");
    }
  }

  private static ObjectStoreException failure(String bucket, String key, RuntimeException e) {
    return new ObjectStoreException(
        ObjectStoreException.message("read", bucket, key, S3Errors.reason(e)), e);
  }
}
