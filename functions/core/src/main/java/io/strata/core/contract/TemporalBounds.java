package io.strata.core.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Min/max bounds of date and timestamp columns, written in contracts as ISO-8601 text ({@code
 * 2020-01-01}, {@code 2020-01-01T00:00:00Z}) whatever pattern the column's raw values use.
 */
public final class TemporalBounds {

  private TemporalBounds() {}

  /** The bound as a date. */
  public static LocalDate date(String text) {
    return LocalDate.parse(text);
  }

  /** The bound as an instant; an offset is required. */
  public static Instant instant(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }

  static String check(String text, ColumnType.Kind kind, String path) {
    try {
      if (kind == ColumnType.Kind.DATE) {
        date(text);
      } else {
        instant(text);
      }
      return text;
    } catch (DateTimeParseException e) {
      throw YamlFields.problem(
          path,
          "'"
              + text
              + "' is not an ISO-8601 "
              + (kind == ColumnType.Kind.DATE
                  ? "date (yyyy-MM-dd)"
                  : "timestamp with offset (e.g. 2020-01-01T00:00:00Z)"));
    }
  }

  static void checkOrder(String min, String max, ColumnType.Kind kind, String path) {
    boolean reversed =
        kind == ColumnType.Kind.DATE
            ? date(min).isAfter(date(max))
            : instant(min).isAfter(instant(max));
    if (reversed) {
      throw YamlFields.problem(path, min + " is later than max " + max);
    }
  }
}
