package io.strata.aws.s3;

/** S3 quotes entity tags in its HTTP answers; the core's types carry them bare. */
final class ETags {

  private ETags() {}

  /** The entity tag without surrounding quotes; null for null or blank input. */
  static String unquote(String eTag) {
    if (eTag == null || eTag.isBlank()) {
      return null;
    }
    String bare = eTag.strip();
    if (bare.length() >= 2 && bare.startsWith("\"") && bare.endsWith("\"")) {
      bare = bare.substring(1, bare.length() - 1);
    }
    return bare.isEmpty() ? null : bare;
  }

  /** The entity tag in quotes, as HTTP conditional headers carry it. */
  static String quote(String eTag) {
    return eTag.startsWith("\"") ? eTag : "\"" + eTag + "\"";
  }
}
