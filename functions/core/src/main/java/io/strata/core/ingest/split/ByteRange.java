package io.strata.core.ingest.split;

/**
 * The bytes {@code [start, end)} of a raw object that one worker parses: it begins and ends at a
 * record boundary, so the ranges of a plan tile the object.
 *
 * @param firstLine the 1-based line of the whole file where the range starts, so that rejects and
 *     lineage name the lines of the whole file
 */
public record ByteRange(int index, long start, long end, long firstLine) {

  public ByteRange {
    if (index < 0 || start < 0 || end <= start || firstLine < 1) {
      throw new IllegalArgumentException(
          "Invalid byte range " + index + ": [" + start + ", " + end + ") at line " + firstLine);
    }
  }

  public long length() {
    return end - start;
  }
}
