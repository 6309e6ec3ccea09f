package io.strata.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What the store knows about one object.
 *
 * @param eTag the entity tag without quotes, may be null where the store has none
 * @param versionId the version id, null when the bucket is not versioned
 */
public record ObjectInfo(
    String bucket, String key, long size, String eTag, String versionId, Instant lastModified) {

  public ObjectInfo {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }

  /**
   * Whether two observations show the same version of an object: equal ETag, size and modification
   * time (a store without versions may keep the ETag of content rewritten in place).
   */
  public static boolean sameVersion(ObjectInfo a, ObjectInfo b) {
    return Objects.equals(a.eTag(), b.eTag())
        && a.size() == b.size()
        && Objects.equals(a.lastModified(), b.lastModified());
  }
}
