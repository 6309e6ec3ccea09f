package io.strata.aws.s3;

import io.strata.core.store.ObjectChangedException;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectNotFoundException;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.store.ObjectWriter;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The {@link ObjectStore} port over the AWS SDK v2 synchronous S3 client; the only place where S3
 * exceptions become {@link ObjectStoreException}s.
 *
 * <p>Copies of objects up to 5 GiB use CopyObject; larger ones are copied server-side in ranges
 * with UploadPartCopy. Streaming writes hold one part in memory (default 8 MiB, at least 5 MiB).
 */
public final class S3ObjectStore implements ObjectStore {

  /** The part size used when none is given. */
  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

  /** The smallest part S3 accepts for every part but the last. */
  private static final int CONDITIONAL_CONFLICT_ATTEMPTS = 3;

  /** User metadata naming the conditional put that wrote an object (see {@link #ownWrite}). */
  static final String WRITE_ID_METADATA = "strata-write-id";

  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  /** CopyObject's limit; larger objects are copied part by part. */
  static final long COPY_OBJECT_LIMIT = 5L * 1024 * 1024 * 1024;

  private static final long COPY_PART_SIZE = 512L * 1024 * 1024;

  private final S3Client s3;
  private final int partSize;
  private final long copyObjectLimit;
  private final long copyPartSize;
  private final S3Reads reads;

  /** A store with the default part size. */
  public S3ObjectStore(S3Client s3) {
    this(s3, DEFAULT_PART_SIZE);
  }

  /** A store whose streaming writes upload parts of {@code partSize} bytes. */
  public S3ObjectStore(S3Client s3, int partSize) {
    this(s3, partSize, COPY_OBJECT_LIMIT, COPY_PART_SIZE);
  }

  S3ObjectStore(S3Client s3, int partSize, long copyObjectLimit, long copyPartSize) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException(
          "part size must be at least " + MIN_PART_SIZE + " bytes: " + partSize);
    }
    this.partSize = partSize;
    this.copyObjectLimit = copyObjectLimit;
    this.copyPartSize = copyPartSize;
    this.reads = new S3Reads(s3, this::head);
  }

  /** One GetObject; the body must end at the answer's {@code Content-Length}. */
  @Override
  public InputStream open(String bucket, String key) {
    return reads.open(bucket, key);
  }

  /**
   * One GetObject: by version id when given, else conditional on the ETag ({@code If-Match}). The
   * body must end at the answer's {@code Content-Length}; without a version id, a HeadObject at the
   * end checks that the object is still the one that was read.
   */
  @Override
  public InputStream open(String bucket, String key, String versionId, String eTag) {
    return reads.open(bucket, key, versionId, eTag);
  }

  /** One ranged GetObject, pinned by version id or ETag like the whole read. */
  @Override
  public InputStream openRange(
      String bucket, String key, String versionId, String eTag, long start, long end) {
    return reads.openRange(bucket, key, versionId, eTag, start, end);
  }

  @Override
  public Optional<ObjectInfo> head(String bucket, String key) {
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
      return Optional.of(
          new ObjectInfo(
              bucket,
              key,
              head.contentLength(),
              ETags.unquote(head.eTag()),
              head.versionId(),
              head.lastModified()));
    } catch (SdkException | UncheckedIOException e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw failure("head", bucket, key, e);
    }
  }

  @Override
  public void put(String bucket, String key, byte[] content, String contentType) {
    try {
      s3.putObject(
          b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    } catch (SdkException | UncheckedIOException e) {
      throw failure("write", bucket, key, e);
    }
  }

  @Override
  public boolean putIfAbsent(String bucket, String key, byte[] content, String contentType) {
    String writeId = UUID.randomUUID().toString();
    for (int attempt = 1; ; attempt++) {
      try {
        s3.putObject(
            b ->
                b.bucket(bucket)
                    .key(key)
                    .contentType(contentType)
                    .metadata(Map.of(WRITE_ID_METADATA, writeId))
                    .ifNoneMatch("*"),
            RequestBody.fromBytes(content));
        return true;
      } catch (SdkException | UncheckedIOException e) {
        if (S3Errors.isAlreadyExists(e)) {
          return ownWrite(bucket, key, writeId);
        }
        if (!S3Errors.isConditionalConflict(e) || attempt == CONDITIONAL_CONFLICT_ATTEMPTS) {
          throw failure("write", bucket, key, e);
        }
        pause(attempt);
      }
    }
  }

  /**
   * Whether the object that made a conditional put fail is this call's own: the SDK retries a put
   * whose answer was lost (a reset connection, a timeout), and when the first try landed, the retry
   * is told the object exists. Every conditional put carries a write id of its own in the object's
   * metadata; a HEAD tells the two apart, also under SSE-KMS (whose ETags are no MD5) and when
   * another writer wrote the same bytes.
   */
  private boolean ownWrite(String bucket, String key, String writeId) {
    try {
      return writeId.equals(
          s3.headObject(b -> b.bucket(bucket).key(key)).metadata().get(WRITE_ID_METADATA));
    } catch (SdkException | UncheckedIOException e) {
      if (S3Errors.isNotFound(e)) {
        return false;
      }
      throw failure("head", bucket, key, e);
    }
  }

  /** S3 asks to retry a 409 ConditionalRequestConflict; a short, growing pause each time. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(50L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ObjectStoreException("Cannot retry a conditional write: interrupted", e);
    }
  }

  @Override
  public ObjectWriter create(String bucket, String key, String contentType) {
    return new S3ObjectWriter(s3, bucket, key, contentType, partSize);
  }

  /**
   * Copies server-side; the target gets the source's content type and metadata. Objects above 5 GiB
   * are copied in 512 MiB ranges, guarded by the source's ETag so a concurrent overwrite of the
   * source fails the copy instead of mixing two versions.
   */
  @Override
  public void copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey) {
    copy(sourceBucket, sourceKey, null, null, targetBucket, targetKey);
  }

  /**
   * Copies the named version: the HeadObject and CopyObject requests carry the version id, else the
   * ETag as a condition; the multipart path above 5 GiB guards every part with the ETag.
   */
  @Override
  public void copy(
      String sourceBucket,
      String sourceKey,
      String sourceVersionId,
      String sourceETag,
      String targetBucket,
      String targetKey) {
    HeadObjectResponse source;
    try {
      source =
          s3.headObject(
              b -> {
                b.bucket(sourceBucket).key(sourceKey);
                if (sourceVersionId != null) {
                  b.versionId(sourceVersionId);
                } else if (sourceETag != null) {
                  b.ifMatch(ETags.quote(sourceETag));
                }
              });
    } catch (SdkException | UncheckedIOException e) {
      throw copySourceFailure(
          sourceBucket, sourceKey, sourceVersionId, sourceETag, targetBucket, targetKey, e);
    }
    try {
      if (source.contentLength() > copyObjectLimit) {
        S3MultipartCopy.copy(
            s3, sourceBucket, sourceKey, source, targetBucket, targetKey, copyPartSize);
      } else {
        s3.copyObject(
            b -> {
              b.sourceBucket(sourceBucket)
                  .sourceKey(sourceKey)
                  .destinationBucket(targetBucket)
                  .destinationKey(targetKey);
              if (sourceVersionId != null) {
                b.sourceVersionId(sourceVersionId);
              } else if (sourceETag != null) {
                b.copySourceIfMatch(ETags.quote(sourceETag));
              }
            });
      }
    } catch (SdkException | UncheckedIOException e) {
      if (S3Errors.isPreconditionFailed(e)) {
        throw changed(sourceBucket, sourceKey, sourceVersionId, sourceETag);
      }
      throw copyFailure(sourceBucket, sourceKey, targetBucket, targetKey, e);
    }
  }

  private static RuntimeException copySourceFailure(
      String sourceBucket,
      String sourceKey,
      String sourceVersionId,
      String sourceETag,
      String targetBucket,
      String targetKey,
      RuntimeException e) {
    if (S3Errors.isNotFound(e)) {
      return new ObjectNotFoundException(sourceBucket, sourceKey);
    }
    if (S3Errors.isPreconditionFailed(e)) {
      return changed(sourceBucket, sourceKey, sourceVersionId, sourceETag);
    }
    return copyFailure(sourceBucket, sourceKey, targetBucket, targetKey, e);
  }

  private static ObjectChangedException changed(
      String bucket, String key, String versionId, String eTag) {
    return new ObjectChangedException(
        bucket, key, versionId != null ? "version " + versionId : "ETag " + eTag);
  }

  @Override
  public void delete(String bucket, String key) {
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(key));
    } catch (SdkException | UncheckedIOException e) {
      throw failure("delete", bucket, key, e);
    }
  }

  @Override
  public List<ObjectInfo> list(String bucket, String prefix) {
    List<ObjectInfo> objects = new ArrayList<>();
    try {
      for (S3Object object :
          s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
        objects.add(
            new ObjectInfo(
                bucket,
                object.key(),
                object.size(),
                ETags.unquote(object.eTag()),
                null,
                object.lastModified()));
      }
    } catch (SdkException | UncheckedIOException e) {
      throw failure("list", bucket, prefix, e);
    }
    return objects;
  }

  private static ObjectStoreException failure(
      String action, String bucket, String key, RuntimeException e) {
    return new ObjectStoreException(
        ObjectStoreException.message(action, bucket, key, S3Errors.reason(e)), e);
  }

  private static ObjectStoreException copyFailure(
      String sourceBucket,
      String sourceKey,
      String targetBucket,
      String targetKey,
      RuntimeException e) {
    return new ObjectStoreException(
        ObjectStoreException.message(
            "copy",
            sourceBucket,
            sourceKey + " to s3://" + targetBucket + "/" + targetKey,
            S3Errors.reason(e)),
        e);
  }
}
