package io.strata.aws.s3;

import java.util.Objects;

/**
 * An S3 event record that names nothing to ingest, and why; the caller logs it.
 *
 * @param eventName as the record names it, e.g. {@code ObjectRemoved:Delete}; may be null
 * @param bucket may be null when the record names none
 * @param key the decoded key, or the raw one when it cannot be decoded; may be null
 */
public record SkippedRecord(String eventName, String bucket, String key, String reason) {

  public SkippedRecord {
    Objects.requireNonNull(reason, "reason");
  }
}
