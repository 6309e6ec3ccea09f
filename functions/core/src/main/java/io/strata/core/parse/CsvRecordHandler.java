package io.strata.core.parse;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Receives FastCSV's fields straight from its buffer and builds {@link RawRecord}s in contract
 * order, so no intermediate record object is made. Until {@link #mapFields} is called it collects
 * plain field lists (the header, or the first record of a header-less file).
 */
final class CsvRecordHandler extends AbstractBaseCsvCallbackHandler<RawRecord> {

  private static final String[] NO_VALUES = new String[0];

  private final int maxRecordChars;
  private List<String> plainFields;
  private int[] fieldToColumn;
  private String[][] known;
  private char[][][] knownChars;
  private int columnCount;
  private String[] values;
  private long line;
  private long recordChars;

  CsvRecordHandler(int maxRecordChars) {
    this.maxRecordChars = maxRecordChars;
  }

  /**
   * Switches to data records: field i goes to column {@code fieldToColumn[i]} (-1: ignored).
   *
   * @param known per column the values it allows (the contract's {@code allowed} list) or null; a
   *     field equal to one of them becomes that very String, so no String is made for it and its
   *     hash is already known to the checks and encoders that look it up
   */
  void mapFields(int[] fieldToColumn, int columnCount, String[][] known) {
    this.fieldToColumn = fieldToColumn;
    this.columnCount = columnCount;
    this.known = known;
    this.knownChars = new char[known.length][][];
    for (int column = 0; column < known.length; column++) {
      if (known[column] != null) {
        knownChars[column] =
            Arrays.stream(known[column]).map(String::toCharArray).toArray(char[][]::new);
      }
    }
  }

  /** Fields of the last plain record (before {@link #mapFields}). */
  List<String> plainFields() {
    return plainFields;
  }

  /** Line where the record being read starts. */
  long line() {
    return line;
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    line = startingLineNumber;
    recordChars = 0;
    if (fieldToColumn == null) {
      plainFields = new ArrayList<>();
    } else {
      values = new String[columnCount];
    }
  }

  @Override
  protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
    recordChars += len + 1;
    if (recordChars > maxRecordChars) {
      throw CsvRecordStream.lineTooLong(line, maxRecordChars);
    }
    if (fieldToColumn == null) {
      plainFields.add(new String(buf, offset, len));
    } else if (len > 0 && index < fieldToColumn.length) {
      int column = fieldToColumn[index];
      if (column >= 0) {
        values[column] =
            known[column] == null
                ? new String(buf, offset, len)
                : knownOrNew(known[column], knownChars[column], buf, offset, len);
      }
    }
  }

  /**
   * The allowed value the field spells, or a new String. Compares char arrays, not Strings: {@code
   * String.charAt} checks the string's coder and index on every call.
   */
  private static String knownOrNew(
      String[] candidates, char[][] chars, char[] buf, int offset, int len) {
    for (int c = 0; c < chars.length; c++) {
      if (chars[c].length == len && sameChars(chars[c], buf, offset)) {
        return candidates[c];
      }
    }
    return new String(buf, offset, len);
  }

  private static boolean sameChars(char[] candidate, char[] buf, int offset) {
    for (int i = 0; i < candidate.length; i++) {
      if (candidate[i] != buf[offset + i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected RawRecord buildRecord() {
    if (getRecordType() != RecordType.DATA) {
      return null;
    }
    if (fieldToColumn == null) {
      return new RawRecord(line, NO_VALUES, null, null);
    }
    if (getFieldCount() != fieldToColumn.length) {
      return new RawRecord(
          line,
          values,
          "expected " + fieldToColumn.length + " fields, found " + getFieldCount(),
          null);
    }
    return new RawRecord(line, values, null, null);
  }
}
