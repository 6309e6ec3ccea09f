package io.strata.core.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * A raw object that arrived and is to be ingested, as an S3 event names it.
 *
 * @param key the decoded object key
 * @param versionId null when the raw bucket is not versioned
 * @param eTag without quotes; null when the event carries none
 * @param size the object's size in bytes as the event announced it, which a read must deliver
 *     exactly; {@link #UNKNOWN_SIZE} when the event named none (the store still checks the read
 *     against the size it reports itself)
 * @param arrivedAt when the object was created (the event time); becomes {@code _ingested_at}, so a
 *     retried event writes the very same rows
 */
public record RawObjectRef(
    String bucket, String key, String versionId, String eTag, long size, Instant arrivedAt) {

  /** The size of an event that named none. */
  public static final long UNKNOWN_SIZE = -1;

  public RawObjectRef {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(arrivedAt, "arrivedAt");
    if (bucket.isBlank() || key.isBlank()) {
      throw new IllegalArgumentException("bucket and key must not be blank");
    }
    if (size < UNKNOWN_SIZE) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }

  /** {@code s3://bucket/key}. */
  public String uri() {
    return "s3://" + bucket + "/" + key;
  }
}
