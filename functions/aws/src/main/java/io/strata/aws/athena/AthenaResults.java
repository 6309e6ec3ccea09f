package io.strata.aws.athena;

import io.strata.core.query.ResultColumn;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * Turns Athena's result rows, where every value is text, into values typed for JSON as {@link
 * io.strata.core.query.ResultPage} describes, by the type Athena reports for each column.
 */
final class AthenaResults {

  /** {@code 2024-01-14 08:30:00} with an optional fraction of up to nine digits. */
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private AthenaResults() {}

  /** Name and lower-case type of each column; decimals as {@code decimal(p,s)}. */
  static List<ResultColumn> columns(List<ColumnInfo> columns) {
    return columns.stream().map(c -> new ResultColumn(c.name(), columnType(c))).toList();
  }

  /**
   * Whether the row holds the column labels: the first row of a SELECT's first page does, and is
   * not data.
   */
  static boolean isHeader(List<ColumnInfo> columns, Row row) {
    List<Datum> data = row.data();
    if (data.size() != columns.size()) {
      return false;
    }
    for (int i = 0; i < data.size(); i++) {
      ColumnInfo column = columns.get(i);
      String label = column.label() == null ? column.name() : column.label();
      if (!Objects.equals(label, data.get(i).varCharValue())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The row's values typed by their columns; a missing value is null.
   *
   * @throws IllegalArgumentException when the row does not fit the columns or a value cannot be
   *     read as its column's type (the message names the column, never the value)
   */
  static List<Object> row(List<ColumnInfo> columns, Row row) {
    List<Datum> data = row.data();
    if (data.size() != columns.size()) {
      throw new IllegalArgumentException(
          "a row has " + data.size() + " values for " + columns.size() + " columns");
    }
    List<Object> values = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      ColumnInfo column = columns.get(i);
      try {
        values.add(value(typeName(column), data.get(i).varCharValue()));
      } catch (NumberFormatException | DateTimeException e) {
        throw new IllegalArgumentException(
            "column \"" + column.name() + "\" holds a value that is not a " + columnType(column),
            e);
      }
    }
    return values;
  }

  /** One value of a column of the given lower-case type. */
  static Object value(String type, String text) {
    if (text == null) {
      return null;
    }
    return switch (type) {
      case "tinyint", "smallint", "integer", "int", "bigint" -> Long.parseLong(text);
      case "double", "real", "float" -> Double.parseDouble(text);
      case "decimal" -> new BigDecimal(text);
      case "boolean" -> parseBoolean(text);
      case "timestamp" -> LocalDateTime.parse(text, TIMESTAMP).toInstant(ZoneOffset.UTC).toString();
      case "timestamp with time zone" -> zonedTimestamp(text);
      default -> text;
    };
  }

  private static String columnType(ColumnInfo column) {
    String type = typeName(column);
    if (type.equals("decimal") && column.precision() != null && column.scale() != null) {
      return "decimal(" + column.precision() + "," + column.scale() + ")";
    }
    return type;
  }

  private static String typeName(ColumnInfo column) {
    return column.type() == null ? "varchar" : column.type().toLowerCase(Locale.ROOT);
  }

  private static Boolean parseBoolean(String text) {
    return switch (text) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new NumberFormatException("not a boolean");
    };
  }

  /** {@code 2024-01-14 09:30:00.123 Europe/Berlin}: a local time and the zone it is in. */
  private static String zonedTimestamp(String text) {
    int space = text.lastIndexOf(' ');
    if (space < 0) {
      throw new DateTimeException("no time zone");
    }
    LocalDateTime local = LocalDateTime.parse(text.substring(0, space), TIMESTAMP);
    return local.atZone(ZoneId.of(text.substring(space + 1))).toInstant().toString();
  }
}
