package io.strata.core.parse;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * Reads lines (ended by LF or CRLF) into a reused buffer that grows only up to the line limit; a
 * longer line rejects the file. The current line is {@code buffer()[start() .. start()+length())}.
 */
final class LineReader {

  private final Reader in;
  private final int maxChars;
  private char[] buf = new char[1 << 16];
  private int pos;
  private int end;
  private boolean eof;
  private int lineStart;
  private int lineLength;
  private long lineNumber;

  LineReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** Advances to the next line; false at the end of the input. */
  boolean next() {
    int scan = pos;
    while (true) {
      for (int i = scan; i < end; i++) {
        if (buf[i] == '\n') {
          int stop = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
          return take(stop, i + 1);
        }
      }
      if (end - pos > maxChars + 1) {
        throw tooLong(lineNumber + 1);
      }
      if (eof) {
        if (pos == end) {
          return false;
        }
        return take(end, end);
      }
      int scanned = end - pos;
      fill();
      scan = pos + scanned;
    }
  }

  private boolean take(int stop, int nextPos) {
    lineNumber++;
    if (stop - pos > maxChars) {
      throw tooLong(lineNumber);
    }
    lineStart = pos;
    lineLength = stop - pos;
    pos = nextPos;
    return true;
  }

  private void fill() {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, end - pos);
      end -= pos;
      pos = 0;
    }
    if (end == buf.length) {
      char[] bigger = new char[(int) Math.min((long) buf.length * 2, (long) maxChars + 2)];
      System.arraycopy(buf, 0, bigger, 0, end);
      buf = bigger;
    }
    try {
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        eof = true;
      } else {
        end += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read file: " + e.getMessage(), e);
    }
  }

  private FileRejectedException tooLong(long line) {
    return new FileRejectedException(
        "line_too_long", "Cannot read line " + line + ": longer than " + maxChars + " characters");
  }

  char[] buffer() {
    return buf;
  }

  int start() {
    return lineStart;
  }

  int length() {
    return lineLength;
  }

  long lineNumber() {
    return lineNumber;
  }
}
