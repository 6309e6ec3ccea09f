package io.strata.core.parse;

/**
 * Limits that protect the ingest function from hostile or broken input.
 *
 * @param maxLineBytes longest record accepted (CSV record or JSON line), in bytes/chars
 * @param maxDecompressedBytes a gzip file may not expand beyond this (gzip bomb guard)
 */
public record ParseLimits(int maxLineBytes, long maxDecompressedBytes) {

  public static final ParseLimits DEFAULT = new ParseLimits(1 << 20, 50L * 1024 * 1024 * 1024);

  public ParseLimits {
    if (maxLineBytes < 1024) {
      throw new IllegalArgumentException("maxLineBytes must be at least 1024, got " + maxLineBytes);
    }
    if (maxDecompressedBytes < 1) {
      throw new IllegalArgumentException("maxDecompressedBytes must be positive");
    }
  }
}
