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
}
