package io.strata.core.ingest.split;

/**
 * What a cheap byte pass over one nominal range found: line feeds and quote characters, and the
 * first line feed after an even and after an odd number of quotes since the range's start. From the
 * scans of all ranges the planner knows, for each range, whether it starts inside a quoted field
 * and hence which of its line feeds ends a record.
 *
 * @param evenFeed offset of the first line feed with an even number of quotes before it in the
 *     range, or -1
 * @param feedsBeforeEven line feeds in the range before {@code evenFeed}
 * @param oddFeed like {@code evenFeed} after an odd number of quotes, or -1
 * @param loneCarriageReturns carriage returns not followed by a line feed (old Mac line ends, which
 *     the CSV parser counts as lines where a byte scan cannot)
 */
public record RangeScan(
    long start,
    long end,
    long feeds,
    long quotes,
    long evenFeed,
    long feedsBeforeEven,
    long oddFeed,
    long feedsBeforeOdd,
    long loneCarriageReturns) {}
