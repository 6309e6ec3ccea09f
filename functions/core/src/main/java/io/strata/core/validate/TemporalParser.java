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

  /** A {@link LocalDate} or an {@link Instant}, or null. */
  Object parse(String text) {
    if (isoDate) {
      return ValueParser.parseIsoDate(text);
    }
    try {
      TemporalAccessor parsed = formatter.parse(text);
      if (date) {
        return LocalDate.from(parsed);
      }
      if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
        return Instant.from(parsed);
      }
      return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
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
