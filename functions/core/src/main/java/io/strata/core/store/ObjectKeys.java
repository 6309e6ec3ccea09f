package io.strata.core.store;

import java.util.Comparator;

/**
 * Rules object stores in this package share for bucket names and keys: which ones are acceptable
 * and in which order keys are listed (S3 lists in UTF-8 byte order, which equals code point order).
 */
public final class ObjectKeys {

  /** Orders keys like S3 does: by Unicode code point, i.e. by their UTF-8 bytes. */
  public static final Comparator<String> ORDER = ObjectKeys::compareCodePoints;

  private ObjectKeys() {}

  /**
   * Rejects bucket names and keys that could not be stored as a plain file below a root directory:
   * empty names, absolute keys, empty, "." or ".." segments and backslashes.
   *
   * @throws IllegalArgumentException naming the offending bucket or key
   */
  public static void requireSafe(String bucket, String key) {
    requireSafeBucket(bucket);
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("Invalid key in bucket " + bucket + ": empty");
    }
    if (key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "Invalid key s3://" + bucket + "/" + key + ": contains a backslash or NUL");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "Invalid key s3://"
                + bucket
                + "/"
                + key
                + ": absolute, empty, '.' or '..' segments are not allowed");
      }
    }
  }

  /**
   * Rejects empty bucket names, "." and "..", and names with a slash or backslash.
   *
   * @throws IllegalArgumentException naming the bucket
   */
  public static void requireSafeBucket(String bucket) {
    if (bucket == null
        || bucket.isEmpty()
        || bucket.equals(".")
        || bucket.equals("..")
        || bucket.indexOf('/') >= 0
        || bucket.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("Invalid bucket name: '" + bucket + "'");
    }
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
