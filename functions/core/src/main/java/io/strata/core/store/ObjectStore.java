package io.strata.core.store;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The port through which the core reads and writes objects (S3 in AWS, s3proxy locally, plain files
 * in benchmarks). Implementations translate their own errors into {@link ObjectStoreException}.
 * They are safe for use by several threads at once (a batch's files are committed side by side);
 * each {@link ObjectWriter} is used by one thread at a time.
 */
public interface ObjectStore {

  /** Opens the object for streaming; the caller closes the stream. */
  InputStream open(String bucket, String key);

  /**
   * Opens exactly the version an event named: by version id where the store keeps versions,
   * otherwise only while the object still has the given ETag (S3 {@code If-Match}). With neither,
   * the current object. The stream delivers the whole version or fails: it must end exactly at the
   * version's size, and where the store cannot pin a version, the object must still be the one that
   * was opened when the stream ends. Otherwise a read throws {@link IncompleteReadException}.
   *
   * <p>This default checks the ETag, opens, and checks at the end that ETag, size and time are
   * unchanged; stores that can pin a version in one request override it.
   *
   * @throws ObjectChangedException when the object was replaced since
   */
  default InputStream open(String bucket, String key, String versionId, String eTag) {
    ObjectInfo opened =
        head(bucket, key).orElseThrow(() -> new ObjectNotFoundException(bucket, key));
    if (eTag != null && !eTag.equals(opened.eTag())) {
      throw new ObjectChangedException(bucket, key, "ETag " + eTag);
    }
    return new ExactLengthInputStream(
        open(bucket, key),
        bucket,
        key,
        opened.size(),
        () -> {
          Optional<ObjectInfo> now = head(bucket, key);
          if (now.isEmpty() || !ObjectInfo.sameVersion(opened, now.get())) {
            throw new IncompleteReadException(bucket, key, "it changed while it was read");
          }
        });
  }

  /**
   * Opens bytes {@code [start, end)} of exactly the version an event named, with the same rules as
   * {@link #open(String, String, String, String)}: the stream delivers exactly {@code end - start}
   * bytes or fails with {@link IncompleteReadException}. Used by the workers of a file ingested in
   * byte ranges. This default reads the version from its first byte and skips to {@code start};
   * stores that can read a range in one request (S3 {@code Range}) override it.
   *
   * @throws ObjectChangedException when the object was replaced since
   */
  default InputStream openRange(
      String bucket, String key, String versionId, String eTag, long start, long end) {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("Invalid byte range [" + start + ", " + end + ")");
    }
    InputStream whole = open(bucket, key, versionId, eTag);
    try {
      whole.skipNBytes(start);
    } catch (java.io.IOException | RuntimeException e) {
      try {
        whole.close();
      } catch (java.io.IOException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof ObjectStoreException stored) {
        throw stored;
      }
      throw new IncompleteReadException(bucket, key, "it ends before byte " + start, e);
    }
    return new ExactLengthInputStream(
        new RangeLimitedStream(whole, end - start), bucket, key, end - start, null);
  }

  /** Metadata of the object, or empty when it does not exist. */
  Optional<ObjectInfo> head(String bucket, String key);

  /** Writes (or replaces) a small object in one request. */
  void put(String bucket, String key, byte[] content, String contentType);

  /**
   * Writes a small object only if no object exists under the key (S3 {@code If-None-Match: *}).
   *
   * <p>A request retried after its answer was lost, whose first try landed, still counts as this
   * call's: it returns true.
   *
   * @return true if this call created the object, false if one already existed
   */
  boolean putIfAbsent(String bucket, String key, byte[] content, String contentType);

  /**
   * Starts a streaming write of an object of any size (S3 multipart upload). The object becomes
   * visible only when the writer is closed; {@link ObjectWriter#abort()} discards it.
   */
  ObjectWriter create(String bucket, String key, String contentType);

  /**
   * Server-side copy of exactly the version an event named, with the same rules as {@link
   * #open(String, String, String, String)}. This default checks the ETag, then copies; stores that
   * can make the copy itself conditional override it.
   *
   * @throws ObjectChangedException when the source was replaced since
   */
  default void copy(
      String sourceBucket,
      String sourceKey,
      String sourceVersionId,
      String sourceETag,
      String targetBucket,
      String targetKey) {
    if (sourceETag != null) {
      ObjectInfo current =
          head(sourceBucket, sourceKey)
              .orElseThrow(() -> new ObjectNotFoundException(sourceBucket, sourceKey));
      if (!sourceETag.equals(current.eTag())) {
        throw new ObjectChangedException(sourceBucket, sourceKey, "ETag " + sourceETag);
      }
    }
    copy(sourceBucket, sourceKey, targetBucket, targetKey);
  }

  /** Server-side copy. */
  void copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey);

  /** Deletes the object; deleting a missing object is not an error. */
  void delete(String bucket, String key);

  /** Every object whose key starts with the prefix, in key order. */
  List<ObjectInfo> list(String bucket, String prefix);
}
