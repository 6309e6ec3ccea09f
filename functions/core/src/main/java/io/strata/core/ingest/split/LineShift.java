package io.strata.core.ingest.split;

import io.strata.core.parse.FileRejectedException;
import io.strata.core.parse.RawRecord;
import io.strata.core.parse.RecordStream;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the line numbers a worker's parser counts (from 1 at the header it was given, or at its
 * range's first byte) into lines of the whole file: records, and the messages of file-level
 * rejections, which name lines as "line N".
 */
public final class LineShift {

  private static final Pattern LINE = Pattern.compile("\\bline (\\d+)");

  private final long shift;

  /**
   * @param parserFirstLine the line the parser gives the range's first byte
   */
  public LineShift(ByteRange range, long parserFirstLine) {
    this.shift = range.firstLine() - parserFirstLine;
  }

  public long line(long parserLine) {
    return parserLine + shift;
  }

  /** The rejection with every "line N" of its message moved to the whole file's numbering. */
  public FileRejectedException rejection(FileRejectedException e) {
    if (shift == 0) {
      return e;
    }
    Matcher m = LINE.matcher(e.getMessage());
    StringBuilder text = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(text, "line " + line(Long.parseLong(m.group(1))));
    }
    m.appendTail(text);
    return new FileRejectedException(e.reason(), text.toString(), e);
  }

  /** The records of {@code stream} with whole-file lines. */
  public RecordStream records(RecordStream stream) {
    return new RecordStream() {
      @Override
      public RawRecord next() {
        // A rejection is moved by the caller, which also sees those of opening the stream.
        RawRecord r = stream.next();
        return r == null || shift == 0
            ? r
            : new RawRecord(line(r.line()), r.values(), r.problem(), r.problemColumn());
      }

      @Override
      public List<String> extraColumns() {
        return stream.extraColumns();
      }

      @Override
      public void close() throws IOException {
        stream.close();
      }
    };
  }
}
