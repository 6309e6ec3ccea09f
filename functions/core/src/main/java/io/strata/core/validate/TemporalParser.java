package io.strata.core.validate;

import io.strata.core.contract.ColumnType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Parses the raw text of one date or timestamp column, strictly (no 31 April). Dates without a
 * pattern are ISO {@code yyyy-MM-dd}; timestamps without a pattern are ISO-8601 with an offset; a
 * pattern without zone or offset is read as UTC. Returns null for text it does not accept.
 */
final class TemporalParser {

  private static final int MIN_YEAR = 1;
  private static final int MAX_YEAR = 9999;
  private static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant MAX_INSTANT_EXCLUSIVE = Instant.parse("+10000-01-01T00:00:00Z");

  private final boolean date;
  private final boolean isoDate;
  private final DateTimeFormatter formatter;

  TemporalParser(ColumnType type) {
    this.date = type.kind() == ColumnType.Kind.DATE;
    String format = type.format();
    this.isoDate =
        date && (format == null || format.equals("yyyy-MM-dd") || format.equals("uuuu-MM-dd"));
    if (format == null) {
      this.formatter =
          date ? DateTimeFormatter.ISO_LOCAL_DATE : DateTimeFormatter.ISO_ZONED_DATE_TIME;
    } else {
      this.formatter =
          DateTimeFormatter.ofPattern(strictPattern(format))
              .withResolverStyle(ResolverStyle.STRICT);
    }
  }

  /**
   * A {@link LocalDate} or an {@link Instant}, or null. Values outside the years 0001 to 9999 are
   * refused: Athena and Hive cannot represent them, and far ones overflow Parquet's microseconds.
   */
  Object parse(String text) {
    if (isoDate) {
      LocalDate value = ValueParser.parseIsoDate(text);
      return value != null && inRange(value.getYear()) ? value : null;
    }
    try {
      TemporalAccessor parsed = formatter.parse(text);
      if (date) {
        LocalDate value = LocalDate.from(parsed);
        return inRange(value.getYear()) ? value : null;
      }
      Instant value =
          parsed.isSupported(ChronoField.INSTANT_SECONDS)
              ? Instant.from(parsed)
              : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
      return !value.isBefore(MIN_INSTANT) && value.isBefore(MAX_INSTANT_EXCLUSIVE) ? value : null;
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean inRange(int year) {
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }

  /**
   * With the strict resolver, {@code yyyy} (year of era) needs an era to resolve; {@code uuuu}
   * (proleptic year) means what contract authors intend, so {@code y} becomes {@code u} outside
   * quoted literals unless the pattern names an era.
   */
  static String strictPattern(String pattern) {
    if (pattern.indexOf('G') >= 0) {
      return pattern;
    }
    StringBuilder result = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      result.append(!quoted && c == 'y' ? 'u' : c);
    }
    return result.toString();
  }
}
