package io.strata.core.query;

import io.strata.core.contract.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a raw JSON value into the Java value of a column type (String, Boolean, Integer, Long,
 * Double, BigDecimal, LocalDate or Instant), the only form in which user values reach SQL: as bound
 * parameters. Anything else is a {@link Problem#BAD_VALUE} naming the field.
 */
public final class TypedValues {

  /**
   * The longest string value accepted, in characters, a quote counting twice: Athena takes at most
   * 1024 characters per execution parameter, and a string is sent as a literal, quote + text with
   * each ' doubled + quote.
   */
  public static final int MAX_STRING_LENGTH = 1022;

  /** The first year Athena accepts in a date or timestamp. */
  static final int MIN_YEAR = 1;

  /** The last year Athena accepts in a date or timestamp. */
  static final int MAX_YEAR = 9999;

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("[-+]?\\d+(\\.\\d+)?");
  private static final int SHOWN_LENGTH = 40;

  private TypedValues() {}

  /**
   * The value typed as {@code type}.
   *
   * @param field where the value sits in the request, e.g. {@code filters[0].value}
   * @param subject what it is for, e.g. {@code column booking_date}
   */
  public static Object typed(Object raw, ColumnType type, String field, String subject) {
    Object value =
        switch (type.kind()) {
          case STRING -> raw instanceof String s ? string(s, field, subject) : null;
          case BOOLEAN -> raw instanceof Boolean b ? b : null;
          case INT -> integer(raw, BigInteger.valueOf(Integer.MIN_VALUE), Integer.MAX_VALUE);
          case LONG -> integer(raw, BigInteger.valueOf(Long.MIN_VALUE), Long.MAX_VALUE);
          case DOUBLE -> finite(raw);
          case DECIMAL -> decimal(raw, type, field, subject);
          case DATE -> date(raw, field, subject);
          case TIMESTAMP -> timestamp(raw, field, subject);
        };
    if (value == null) {
      throw new QueryRejectedException(
          Problem.BAD_VALUE,
          field + ": expected " + expected(type) + " for " + subject + ", got " + shown(raw));
    }
    if (type.kind() == ColumnType.Kind.INT) {
      return ((Long) value).intValue();
    }
    return value;
  }

  /** How a value of the type is written, for messages. */
  public static String expected(ColumnType type) {
    return switch (type.kind()) {
      case STRING -> "a string";
      case BOOLEAN -> "a boolean (true or false)";
      case INT -> "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
      case LONG -> "an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
      case DOUBLE -> "a finite number";
      case DECIMAL ->
          "a number of type "
              + type
              + " (at most "
              + (type.precision() - type.scale())
              + " integer and "
              + type.scale()
              + " fraction digits)";
      case DATE -> "a date (yyyy-MM-dd)";
      case TIMESTAMP -> "a timestamp (ISO-8601 with offset or Z, e.g. 2024-01-15T08:30:00Z)";
    };
  }

  /** The raw value as a message shows it: strings quoted and cut short, lists and objects named. */
  public static String shown(Object raw) {
    if (raw == null) {
      return "null";
    }
    if (raw instanceof String s) {
      StringBuilder text = new StringBuilder("\"");
      s.codePoints()
          .limit(SHOWN_LENGTH)
          .forEach(
              c -> {
                if (Character.isISOControl(c) || c == '"' || c == '\\') {
                  text.append(String.format("\\u%04x", c));
                } else {
                  text.appendCodePoint(c);
                }
              });
      return text.append(s.codePointCount(0, s.length()) > SHOWN_LENGTH ? "...\"" : "\"")
          .toString();
    }
    if (raw instanceof List<?>) {
      return "a list";
    }
    if (raw instanceof Map<?, ?>) {
      return "an object";
    }
    if (raw instanceof BigDecimal decimal) {
      return decimal.toString();
    }
    return String.valueOf(raw);
  }

  /** Whether Athena accepts the instant as a timestamp: its UTC year lies in 1..9999. */
  static boolean inAthenaYears(Instant instant) {
    int year = instant.atOffset(ZoneOffset.UTC).getYear();
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }

  private static String string(String value, String field, String subject) {
    int counted = value.length() + (int) value.chars().filter(c -> c == '\'').count();
    if (counted > MAX_STRING_LENGTH) {
      throw new QueryRejectedException(
          Problem.BAD_VALUE,
          field
              + ": a value for "
              + subject
              + " may have at most "
              + MAX_STRING_LENGTH
              + " characters, a quote counting twice, got "
              + counted);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && Character.isISOControl(c)) {
        throw new QueryRejectedException(
            Problem.BAD_VALUE,
            field
                + ": a value for "
                + subject
                + " must not contain control characters, found "
                + String.format("U+%04X", (int) c)
                + " at position "
                + i);
      }
    }
    return value;
  }

  private static Long integer(Object raw, BigInteger min, long max) {
    BigInteger value;
    if (raw instanceof Integer || raw instanceof Long) {
      value = BigInteger.valueOf(((Number) raw).longValue());
    } else if (raw instanceof BigInteger big) {
      value = big;
    } else {
      return null;
    }
    if (value.compareTo(min) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
      return null;
    }
    return value.longValue();
  }

  private static Double finite(Object raw) {
    if (!(raw instanceof Number number) || raw instanceof Float) {
      return null;
    }
    double value = number.doubleValue();
    return Double.isFinite(value) ? value : null;
  }

  private static BigDecimal decimal(Object raw, ColumnType type, String field, String subject) {
    BigDecimal value;
    if (raw instanceof BigDecimal decimal) {
      value = decimal;
    } else if (raw instanceof Integer || raw instanceof Long) {
      value = BigDecimal.valueOf(((Number) raw).longValue());
    } else if (raw instanceof BigInteger big) {
      value = new BigDecimal(big);
    } else if (raw instanceof Double d && Double.isFinite(d)) {
      value = new BigDecimal(Double.toString(d));
    } else if (raw instanceof String s && PLAIN_DECIMAL.matcher(s).matches()) {
      value = new BigDecimal(s);
    } else {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > type.scale()) {
      throw new QueryRejectedException(
          Problem.BAD_VALUE,
          field
              + ": "
              + shown(raw)
              + " has more fraction digits than "
              + subject
              + " of type "
              + type
              + " keeps ("
              + type.scale()
              + ")");
    }
    BigDecimal scaled = stripped.setScale(type.scale());
    return scaled.precision() - scaled.scale() <= type.precision() - type.scale() ? scaled : null;
  }

  private static LocalDate date(Object raw, String field, String subject) {
    if (!(raw instanceof String s) || !DATE.matcher(s).matches()) {
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
    if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
      throw outOfYears(field, "a date for " + subject, raw, "");
    }
    return date;
  }

  private static Instant timestamp(Object raw, String field, String subject) {
    if (!(raw instanceof String s)) {
      return null;
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
    if (!inAthenaYears(instant)) {
      throw outOfYears(field, "a timestamp for " + subject, raw, " in UTC");
    }
    return instant;
  }

  /** The refusal of a date or timestamp outside the years Athena accepts. */
  static QueryRejectedException outOfYears(String field, String what, Object raw, String zone) {
    return new QueryRejectedException(
        Problem.BAD_VALUE,
        field
            + ": "
            + what
            + " must lie in years "
            + MIN_YEAR
            + " to "
            + MAX_YEAR
            + zone
            + ", got "
            + shown(raw));
  }
}
