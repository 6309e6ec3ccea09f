package io.strata.core.table;

import java.util.Objects;

/**
 * An {@code s3://bucket/key} location, as Iceberg names table, metadata and data files.
 *
 * @param key the object key, never starting with '/'
 */
public record S3Location(String bucket, String key) {

  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
  }

  /**
   * Parses {@code s3://bucket/key} (also {@code s3a://} and {@code s3n://}, which other engines
   * write).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static S3Location of(String location) {
    int scheme = location.indexOf("://");
    String prefix = scheme < 0 ? "" : location.substring(0, scheme);
    if (!prefix.equals("s3") && !prefix.equals("s3a") && !prefix.equals("s3n")) {
      throw new IllegalArgumentException(
          "Cannot use location '" + location + "': expected s3://bucket/key");
    }
    String rest = location.substring(scheme + 3);
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException(
          "Cannot use location '" + location + "': expected s3://bucket/key");
    }
    return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
