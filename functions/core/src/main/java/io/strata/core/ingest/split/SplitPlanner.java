package io.strata.core.ingest.split;

import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.SourceFormat;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cuts an object into byte ranges that begin and end at record boundaries. Pure: the I/O (reading
 * the first bytes and scanning each nominal range) is the caller's, see {@link ObjectSplitter}.
 *
 * <p>The rule: a range starts right after the first line feed at or after its nominal start that is
 * outside a quoted field. JSON Lines cannot hold a raw line feed inside a record, so every line
 * feed ends one. CSV may quote line feeds; a line feed is outside quotes when the number of quote
 * characters before it in the file is even (RFC 4180 escapes a quote by doubling it, which keeps
 * the parity). Quote counts come from a scan of each range, added up in file order. A file that
 * breaks that rule (a quote inside an unquoted field) can mislead the count: the worker whose range
 * then ends inside a quoted field finds the field unclosed, and the whole file is ingested by a
 * single worker instead (see {@code SplitIngestion}).
 */
public final class SplitPlanner {

  private static final byte[] GZIP = {(byte) 0x1f, (byte) 0x8b};

  private SplitPlanner() {}

  /**
   * Why the object cannot be split, judged from the contract and its first bytes; empty when it
   * can.
   */
  public static Optional<String> whyWhole(DatasetContract contract, byte[] firstBytes) {
    if (firstBytes.length >= 2 && firstBytes[0] == GZIP[0] && firstBytes[1] == GZIP[1]) {
      return Optional.of("gzip cannot be read from the middle: one worker decompresses it all");
    }
    if (contract.format() == SourceFormat.CSV) {
      Charset charset = contract.csv().encoding();
      if (!byteScannable(charset)) {
        return Optional.of(
            "encoding " + charset.name() + " may use a line feed byte inside a character");
      }
      if (contract.csv().quote() > 0x7f) {
        return Optional.of("the quote character is not ASCII");
      }
    }
    return Optional.empty();
  }

  /** The quote byte the scans count, or -1 when quotes never hide a record boundary. */
  public static int quoteByte(DatasetContract contract) {
    return contract.format() == SourceFormat.CSV ? contract.csv().quote() : -1;
  }

  /** The nominal ranges {@code [start, end)} of {@code rangeBytes} each. */
  public static List<long[]> nominal(long size, long rangeBytes) {
    List<long[]> ranges = new ArrayList<>();
    for (long start = 0; start < size; start += rangeBytes) {
      ranges.add(new long[] {start, Math.min(size, start + rangeBytes)});
    }
    return ranges;
  }

  /**
   * The header line of a CSV file that has one, with its line end: what every worker but the first
   * parses before its range.
   *
   * @return empty when the file's first line is blank or does not end within {@code firstBytes}
   *     (the header is then left to a single worker, which handles it as the whole-file path does)
   */
  public static Optional<byte[]> header(DatasetContract contract, byte[] firstBytes) {
    int quote = quoteByte(contract);
    long quotes = 0;
    for (int i = 0; i < firstBytes.length; i++) {
      if (firstBytes[i] == quote) {
        quotes++;
      } else if (firstBytes[i] == '\n' && (quotes & 1) == 0) {
        byte[] header = Arrays.copyOf(firstBytes, i + 1);
        String text = new String(header, StandardCharsets.ISO_8859_1).strip();
        return text.isEmpty() || text.equals("\uFEFF") || text.equals("\u00EF\u00BB\u00BF")
            ? Optional.empty()
            : Optional.of(header);
      }
    }
    return Optional.empty();
  }

  /**
   * The plan from the scans of the nominal ranges, in file order.
   *
   * @param header the CSV header with its line end (empty for none); no range starts inside it
   * @param csv whether the file is CSV, whose parser counts a lone carriage return as a line end
   */
  public static SplitDecision plan(
      String dataset,
      String batchId,
      long size,
      List<RangeScan> scans,
      byte[] header,
      boolean csv) {
    long loneCr = scans.stream().mapToLong(RangeScan::loneCarriageReturns).sum();
    if (loneCr > 0 && csv) {
      return SplitDecision.whole(
          String.format(
              Locale.ROOT,
              "%d carriage return(s) without a line feed: the CSV parser counts them as line"
                  + " ends, a byte scan cannot",
              loneCr));
    }
    int n = scans.size();
    long[] quotesBefore = new long[n];
    long[] feedsBefore = new long[n];
    for (int i = 1; i < n; i++) {
      quotesBefore[i] = quotesBefore[i - 1] + scans.get(i - 1).quotes();
      feedsBefore[i] = feedsBefore[i - 1] + scans.get(i - 1).feeds();
    }
    int headerLines = lineFeeds(header);
    List<long[]> starts = new ArrayList<>();
    starts.add(new long[] {0, 1});
    for (int i = 1; i < n; i++) {
      long[] boundary = boundaryFrom(i, scans, quotesBefore, feedsBefore, size);
      if (boundary[0] < header.length) {
        boundary = new long[] {header.length, headerLines + 1L};
      }
      long[] last = starts.get(starts.size() - 1);
      if (boundary[0] > last[0] && boundary[0] < size) {
        starts.add(boundary);
      }
    }
    List<ByteRange> ranges = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      long end = i + 1 < starts.size() ? starts.get(i + 1)[0] : size;
      ranges.add(new ByteRange(i, starts.get(i)[0], end, starts.get(i)[1]));
    }
    if (ranges.size() == 1) {
      return SplitDecision.whole("no record boundary after the first range: one worker reads it");
    }
    return SplitDecision.split(new SplitPlan(dataset, batchId, size, ranges, header, headerLines));
  }

  /** {@code {offset, line}} of the first record that starts in nominal range i or later. */
  private static long[] boundaryFrom(
      int i, List<RangeScan> scans, long[] quotesBefore, long[] feedsBefore, long size) {
    for (int j = i; j < scans.size(); j++) {
      RangeScan scan = scans.get(j);
      boolean even = (quotesBefore[j] & 1) == 0;
      long feed = even ? scan.evenFeed() : scan.oddFeed();
      if (feed >= 0) {
        long before = even ? scan.feedsBeforeEven() : scan.feedsBeforeOdd();
        return new long[] {feed + 1, feedsBefore[j] + before + 2};
      }
    }
    return new long[] {size, 0};
  }

  private static int lineFeeds(byte[] bytes) {
    int feeds = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        feeds++;
      }
    }
    return feeds;
  }

  private static boolean byteScannable(Charset charset) {
    String name = charset.name().toUpperCase(Locale.ROOT);
    return charset.equals(StandardCharsets.UTF_8)
        || charset.equals(StandardCharsets.US_ASCII)
        || name.startsWith("ISO-8859-")
        || name.startsWith("WINDOWS-125");
  }
}
