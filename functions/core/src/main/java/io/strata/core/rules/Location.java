package io.strata.core.rules;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a configuration file or folder lives: {@code s3://bucket/key} in AWS, a path on disk in the
 * local lake and in tests.
 *
 * @param bucket the bucket, or null for a path on disk
 * @param key the object key or key prefix, or the path on disk
 */
public record Location(String bucket, String key) {

  public Location {
    Objects.requireNonNull(key, "key");
  }

  /** Parses {@code s3://bucket/key} or a file path. */
  public static Location parse(String location) {
    if (location.startsWith("s3://")) {
      URI uri = URI.create(location);
      if (uri.getHost() == null || uri.getHost().isBlank()) {
        throw new IllegalArgumentException("Cannot read location " + location + ": no bucket");
      }
      return new Location(uri.getHost(), uri.getPath().replaceFirst("^/", ""));
    }
    return new Location(null, location);
  }

  public boolean inObjectStore() {
    return bucket != null;
  }

  /** The key as a folder prefix: empty or ending with '/'. */
  public String prefix() {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  public Path path() {
    return Path.of(key);
  }

  /** The name of the file, for messages. */
  public String fileName() {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? key : key.substring(slash + 1);
  }

  @Override
  public String toString() {
    return inObjectStore() ? "s3://" + bucket + "/" + key : key;
  }
}
