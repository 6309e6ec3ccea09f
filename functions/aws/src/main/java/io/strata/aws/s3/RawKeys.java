package io.strata.aws.s3;

import java.util.Optional;

/**
 * Which raw object keys are never data: folder markers (a key ending with {@code /}) and anything
 * with a path segment starting with {@code _}, the convention for temporary and marker files.
 */
final class RawKeys {

  private RawKeys() {}

  /** Why the key is not ingested, or empty when it is an ordinary object. */
  static Optional<String> exclusion(String key) {
    if (key.endsWith("/")) {
      return Optional.of("folder marker");
    }
    for (String segment : key.split("/")) {
      if (segment.startsWith("_")) {
        return Optional.of("path segment starts with '_': " + segment);
      }
    }
    return Optional.empty();
  }
}
