package io.strata.trino;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A query's answer in a form two engines can be compared by: each column's label and the kind of
 * its type, each value as the API would give it (integers of any width alike, decimals with their
 * scale, timestamps as instants to the microsecond, text quoted so that it never equals null).
 */
record Answer(List<String> columns, List<List<String>> rows) {

  /** How a SQL null reads. */
  static final String NULL = "NULL";

  /**
   * Trino's text of a {@code timestamp(p) with time zone}: {@code 2024-01-15 10:00:00.123456 UTC}.
   */
  private static final DateTimeFormatter TRINO_TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .appendLiteral(' ')
          .appendZoneId()
          .toFormatter(Locale.ROOT);

  Answer {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
  }

  /** Every row of the result set. */
  static Answer read(ResultSet result) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    int count = meta.getColumnCount();
    List<String> columns = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String kind = kind(meta.getColumnTypeName(i));
      kinds.add(kind);
      columns.add(meta.getColumnLabel(i) + " " + kind);
    }
    List<List<String>> rows = new ArrayList<>();
    while (result.next()) {
      List<String> row = new ArrayList<>(count);
      for (int i = 1; i <= count; i++) {
        row.add(result.getObject(i) == null ? NULL : value(result, i, kinds.get(i - 1)));
      }
      rows.add(row);
    }
    return new Answer(columns, rows);
  }

  /** The same answer with its rows in a fixed order, for statements that order none. */
  Answer sorted() {
    Comparator<List<String>> byValues = Comparator.comparing(Object::toString);
    return new Answer(columns, rows.stream().sorted(byValues).toList());
  }

  /** The values of one column, in row order. */
  List<String> column(String label) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).startsWith(label + " ")) {
        int index = i;
        return rows.stream().map(r -> r.get(index)).toList();
      }
    }
    throw new IllegalArgumentException("No column " + label + " in " + columns);
  }

  /** The kind of an engine's type name, e.g. {@code decimal(38,2)} and {@code DECIMAL(38,2)}. */
  static String kind(String typeName) {
    String type = typeName.toLowerCase(Locale.ROOT);
    if (type.startsWith("varchar") || type.startsWith("char")) {
      return "string";
    }
    if (type.endsWith("int") || type.equals("integer")) {
      return "integer";
    }
    if (type.startsWith("decimal")) {
      return type.replace(" ", "");
    }
    if (type.startsWith("timestamp")) {
      return type.contains("time zone") ? "timestamptz" : "timestamp";
    }
    return type;
  }

  private static String value(ResultSet result, int column, String kind) throws SQLException {
    return switch (kind) {
      case "string" -> "'" + result.getString(column) + "'";
      case "integer" -> new BigInteger(result.getObject(column).toString()).toString();
      case "double" -> Double.toString(result.getDouble(column));
      case "boolean" -> Boolean.toString(result.getBoolean(column));
      case "date" -> LocalDate.parse(result.getString(column)).toString();
      case "timestamptz" -> instant(result, column).toString();
      default ->
          kind.startsWith("decimal")
              ? result.getBigDecimal(column).toPlainString()
              : kind + ":" + result.getString(column);
    };
  }

  /** DuckDB's driver gives an OffsetDateTime; Trino's gives text with the zone's name. */
  private static Instant instant(ResultSet result, int column) throws SQLException {
    Object value = result.getObject(column);
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    return ZonedDateTime.parse(result.getString(column), TRINO_TIMESTAMP).toInstant();
  }
}
