package io.strata.core.parse;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.ArrayList;
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
  private int columnCount;
  private String[] values;
  private long line;
  private long recordChars;

  CsvRecordHandler(int maxRecordChars) {
    this.maxRecordChars = maxRecordChars;
  }

  /** Switches to data records: field i goes to column {@code fieldToColumn[i]} (-1: ignored). */
  void mapFields(int[] fieldToColumn, int columnCount) {
    this.fieldToColumn = fieldToColumn;
    this.columnCount = columnCount;
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
        values[column] = new String(buf, offset, len);
      }
    }
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
