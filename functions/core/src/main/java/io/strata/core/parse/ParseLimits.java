package io.strata.core.parse;

/**
 * Limits that protect the ingest function from hostile or broken input.
 *
 * <p>A gzip file is stopped by whichever of two guards trips first. The absolute one bounds what
 * one ingest may expand; its default, 4 GiB, is sized for the ingest Lambda: about a third of its
 * 15 minutes at the ~15 MB/s a 1 GB function parses, validates and writes, and at most ~1.6 GB of
 * spilled business keys for rows of 40 bytes, within the 2 GB of {@code /tmp} the CDK app gives it.
 * The ratio guard catches a bomb within milliseconds: past the first {@code
 * expansionCheckAfterBytes}, a file that has expanded more than {@code maxExpansionRatio} times the
 * compressed bytes read so far is refused. Real CSV and JSON compress 5 to 20 times; zeros or blank
 * lines, the stuff of bombs, about 1000 times.
 *
 * @param maxLineBytes longest record accepted (CSV record or JSON line), in bytes/chars
 * @param maxDecompressedBytes a gzip file may not expand beyond this many bytes
 * @param maxExpansionRatio a gzip file may not expand more than this many times its compressed size
 *     (checked against the compressed bytes read so far)
 * @param expansionCheckAfterBytes decompressed bytes before the ratio is checked: a small file
 *     cannot do harm, whatever its ratio
 */
public record ParseLimits(
    int maxLineBytes,
    long maxDecompressedBytes,
    int maxExpansionRatio,
    long expansionCheckAfterBytes) {

  /** 4 GiB. */
  public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 4L << 30;

  public static final int DEFAULT_MAX_EXPANSION_RATIO = 100;

  /** 4 MiB. */
  public static final long DEFAULT_EXPANSION_CHECK_AFTER_BYTES = 4L << 20;

  /** 1 MiB lines and the gzip guards' defaults. */
  public static final ParseLimits DEFAULT =
      new ParseLimits(1 << 20, DEFAULT_MAX_DECOMPRESSED_BYTES);

  /** Limits with the default expansion ratio guard. */
  public ParseLimits(int maxLineBytes, long maxDecompressedBytes) {
    this(
        maxLineBytes,
        maxDecompressedBytes,
        DEFAULT_MAX_EXPANSION_RATIO,
        DEFAULT_EXPANSION_CHECK_AFTER_BYTES);
  }

  public ParseLimits {
    if (maxLineBytes < 1024) {
      throw new IllegalArgumentException("maxLineBytes must be at least 1024, got " + maxLineBytes);
    }
    if (maxDecompressedBytes < 1) {
      throw new IllegalArgumentException("maxDecompressedBytes must be positive");
    }
    if (maxExpansionRatio < 1) {
      throw new IllegalArgumentException(
          "maxExpansionRatio must be at least 1, got " + maxExpansionRatio);
    }
    if (expansionCheckAfterBytes < 0) {
      throw new IllegalArgumentException(
          "expansionCheckAfterBytes must not be negative, got " + expansionCheckAfterBytes);
    }
  }
}
