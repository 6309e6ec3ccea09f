package io.strata.core.parse;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.CsvOptions;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.ExtraColumnPolicy;
import io.strata.core.store.ObjectStoreException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams the records of a CSV file with FastCSV. The header (read when the stream opens) maps file
 * columns to contract columns by name; without a header, columns are positional in contract order.
 */
final class CsvRecordStream implements RecordStream {

  private static final Pattern RECORD_LINE = Pattern.compile("record starting at line (\\d+)");

  private final CsvReader<RawRecord> reader;
  private final Iterator<RawRecord> records;
  private final CsvRecordHandler handler;
  private final boolean header;
  private final int maxRecordChars;
  private final List<String> extraColumns = new ArrayList<>();
  private RawRecord pending;
  private long returned;

  CsvRecordStream(Reader source, DatasetContract contract, ParseLimits limits) {
    CsvOptions csv = contract.csv();
    this.header = csv.header();
    this.maxRecordChars = limits.maxLineBytes();
    this.handler = new CsvRecordHandler(maxRecordChars);
    this.reader =
        CsvReader.builder()
            .fieldSeparator(csv.delimiter())
            .quoteCharacter(csv.quote())
            .skipEmptyLines(true)
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
            .allowUnclosedQuote(false)
            .detectBomHeader(false)
            .maxBufferSize(fastCsvBufferLimit(maxRecordChars))
            .build(handler, source);
    this.records = reader.iterator();
    List<String> first = firstFields();
    List<ColumnSpec> columns = contract.columns();
    if (header) {
      handler.mapFields(mapHeader(first, contract), columns.size(), knownValues(columns));
    } else {
      int[] positional = new int[columns.size()];
      Arrays.setAll(positional, i -> i);
      handler.mapFields(positional, columns.size(), knownValues(columns));
      pending = positionalRecord(first, columns.size());
    }
  }

  /** The first record that is not a blank line; rejects a file without one. */
  private List<String> firstFields() {
    while (true) {
      if (fetch() == null) {
        throw new FileRejectedException("empty_file", "Cannot read file: it is empty");
      }
      List<String> fields = handler.plainFields();
      if (fields.size() != 1 || !fields.get(0).isBlank()) {
        return fields;
      }
    }
  }

  private static String[][] knownValues(List<ColumnSpec> columns) {
    String[][] known = new String[columns.size()][];
    for (int i = 0; i < known.length; i++) {
      Set<String> allowed = columns.get(i).rules().allowed();
      known[i] = allowed.isEmpty() ? null : allowed.toArray(String[]::new);
    }
    return known;
  }

  /**
   * Maps header names to contract columns. A first row that names none of the columns is data (the
   * header is missing), and its values are never repeated in a message: they may be personal data
   * of any column. File names of columns are quoted only once the row has proved to be a header,
   * naming every required column.
   */
  private int[] mapHeader(List<String> fields, DatasetContract contract) {
    int[] fieldToColumn = new int[fields.size()];
    List<String> names = new ArrayList<>();
    boolean namesAColumn = false;
    for (int i = 0; i < fields.size(); i++) {
      names.add(fields.get(i).trim());
      fieldToColumn[i] = contract.indexOf(names.get(i));
      namesAColumn |= fieldToColumn[i] >= 0;
    }
    if (!namesAColumn) {
      throw new FileRejectedException(
          "missing_header",
          "Cannot read header: the first row names none of the contract's columns; its "
              + fields.size()
              + " field(s) look like data (a file without a header row needs csv.header: false)");
    }
    List<String> missing = new ArrayList<>();
    for (ColumnSpec column : contract.columns()) {
      if (column.required() && !names.contains(column.name())) {
        missing.add(column.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new FileRejectedException(
          "missing_column",
          "Cannot read header: missing required column(s) " + String.join(", ", missing));
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (seen.put(name, i) != null) {
        throw new FileRejectedException(
            "duplicate_column", "Cannot read header: column '" + name + "' appears more than once");
      }
      if (fieldToColumn[i] < 0) {
        extraColumns.add(name);
      }
    }
    if (!extraColumns.isEmpty() && contract.extraColumns() == ExtraColumnPolicy.REJECT) {
      throw new FileRejectedException(
          "extra_column",
          "Cannot read header: unexpected column(s) "
              + String.join(", ", extraColumns)
              + " (the contract rejects extra columns)");
    }
    return fieldToColumn;
  }

  private RawRecord positionalRecord(List<String> fields, int columnCount) {
    String[] values = new String[columnCount];
    for (int i = 0; i < Math.min(fields.size(), columnCount); i++) {
      values[i] = fields.get(i).isEmpty() ? null : fields.get(i);
    }
    String problem =
        fields.size() == columnCount
            ? null
            : "expected " + columnCount + " fields, found " + fields.size();
    return new RawRecord(handler.line(), values, problem, null);
  }

  @Override
  public RawRecord next() {
    RawRecord record = pending != null ? pending : fetch();
    pending = null;
    if (record == null) {
      if (returned == 0 && header) {
        throw new FileRejectedException(
            "no_records", "Cannot read file: it has a header but no records");
      }
      return null;
    }
    returned++;
    return record;
  }

  private RawRecord fetch() {
    try {
      return records.hasNext() ? records.next() : null;
    } catch (CsvParseException e) {
      throw translate(e);
    } catch (UncheckedIOException e) {
      throw rejection(e).orElseThrow(() -> e);
    }
  }

  private RuntimeException translate(CsvParseException e) {
    Optional<RuntimeException> rejection = rejection(e);
    if (rejection.isPresent()) {
      return rejection.get();
    }
    String detail = e.getCause() instanceof CsvParseException ? e.getCause().getMessage() : null;
    detail = detail == null ? e.getMessage() : detail;
    if (detail.startsWith("The maximum buffer size")) {
      return lineTooLong(handler.line(), maxRecordChars);
    }
    return new FileRejectedException("malformed_csv", "Cannot parse CSV: " + describe(detail), e);
  }

  /**
   * FastCSV's complaint in our words: what and where, never the text, since its messages quote the
   * input (a character after a closing quote) and the input may be personal data.
   */
  private String describe(String detail) {
    Matcher line = RECORD_LINE.matcher(detail);
    String where =
        "record starting at line " + (line.find() ? line.group(1) : Long.toString(handler.line()));
    if (detail.startsWith("Unclosed quoted field")) {
      return "a quoted field is not closed before the end of the file (" + where + ")";
    }
    if (detail.startsWith("Unexpected character after closing quote")) {
      return "text follows a closing quote (" + where + ")";
    }
    return "malformed " + where;
  }

  /**
   * Our own exception that FastCSV wrapped: a rejection from the record handler, or a failed read
   * of the object (which must stay a read failure, never become a parse error).
   */
  private static Optional<RuntimeException> rejection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FileRejectedException || t instanceof ObjectStoreException) {
        return Optional.of((RuntimeException) t);
      }
    }
    return Optional.empty();
  }

  /**
   * FastCSV keeps the current field plus one read chunk in its buffer; leaving room for two records
   * means our own per-record check (in {@link CsvRecordHandler}) speaks first.
   */
  private static int fastCsvBufferLimit(int maxRecordChars) {
    return (int) Math.min(Integer.MAX_VALUE - 16, 2L * maxRecordChars + 16_384);
  }

  static FileRejectedException lineTooLong(long line, int max) {
    return new FileRejectedException(
        "line_too_long",
        "Cannot read record starting at line " + line + ": longer than " + max + " characters");
  }

  @Override
  public List<String> extraColumns() {
    return List.copyOf(extraColumns);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
