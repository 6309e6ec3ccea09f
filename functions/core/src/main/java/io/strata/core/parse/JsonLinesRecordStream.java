package io.strata.core.parse;

import io.strata.core.contract.DatasetContract;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Streams a JSON Lines file: one object per line, blank lines skipped. A line that is not a JSON
 * object becomes a record with a problem and reading continues with the next line. Members map to
 * columns by name; numbers and booleans keep their text.
 */
final class JsonLinesRecordStream implements RecordStream {

  private final Reader source;
  private final LineReader lines;
  private final JsonObjectParser parser;
  private long records;

  JsonLinesRecordStream(Reader source, DatasetContract contract, ParseLimits limits) {
    this.source = source;
    this.lines = new LineReader(source, limits.maxLineBytes());
    this.parser = new JsonObjectParser(contract);
  }

  @Override
  public RawRecord next() {
    while (lines.next()) {
      if (!isBlank(lines.buffer(), lines.start(), lines.length())) {
        records++;
        return parser.parse(lines.lineNumber(), lines.buffer(), lines.start(), lines.length());
      }
    }
    if (records == 0) {
      throw new FileRejectedException("empty_file", "Cannot read file: it is empty");
    }
    return null;
  }

  private static boolean isBlank(char[] buf, int start, int length) {
    for (int i = start; i < start + length; i++) {
      if (!Character.isWhitespace(buf[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<String> extraColumns() {
    return parser.extraColumns();
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
