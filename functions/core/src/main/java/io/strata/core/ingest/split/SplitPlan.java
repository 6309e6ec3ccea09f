package io.strata.core.ingest.split;

import java.util.List;
import java.util.Objects;

/**
 * How one raw object is ingested in byte ranges: the ranges in file order and, for CSV with a
 * header, the header line that every worker but the first parses before its range.
 *
 * @param header the header's bytes including its line end, empty when the workers need none
 * @param headerLines how many physical lines the header spans (0 without a header)
 */
public record SplitPlan(
    String dataset,
    String batchId,
    long objectSize,
    List<ByteRange> ranges,
    byte[] header,
    int headerLines) {

  public SplitPlan {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(batchId, "batchId");
    ranges = List.copyOf(ranges);
    header = header == null ? new byte[0] : header.clone();
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("A split plan needs at least one range");
    }
  }

  @Override
  public byte[] header() {
    return header.clone();
  }

  public ByteRange range(int index) {
    return ranges.get(index);
  }
}
