package io.strata.aws.athena;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders typed statement parameters as the SQL literal text that Athena's {@code
 * ExecutionParameters} take, so each value keeps the type of the column it is compared with and can
 * never close its literal.
 */
public final class AthenaParameters {

  /** Athena's limit on the length of one execution parameter. */
  static final int MAX_LENGTH = 1024;

  /** Trino's largest decimal precision. */
  private static final int MAX_DECIMAL_DIGITS = 38;

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private AthenaParameters() {}

  /** The literal of each parameter, in order. */
  public static List<String> render(List<?> parameters) {
    List<String> literals = new ArrayList<>(parameters.size());
    for (int i = 0; i < parameters.size(); i++) {
      String literal;
      try {
        literal = literal(parameters.get(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Cannot bind parameter " + (i + 1) + ": " + e.getMessage(), e);
      }
      if (literal.length() > MAX_LENGTH) {
        throw new IllegalArgumentException(
            "Cannot bind parameter "
                + (i + 1)
                + ": its literal has "
                + literal.length()
                + " characters, Athena takes at most "
                + MAX_LENGTH);
      }
      literals.add(literal);
    }
    return literals;
  }

  /**
   * One value as an Athena literal: {@code 'text'} with quotes doubled, {@code true}, {@code 42},
   * {@code 1.5E0}, {@code DECIMAL '12.34'}, {@code DATE '2024-01-14'} or {@code TIMESTAMP
   * '2024-01-14 08:30:00.123456'} (UTC).
   *
   * @throws IllegalArgumentException for null, NaN, infinities, values Athena cannot hold and types
   *     other than those of {@link io.strata.core.query.SqlStatement#PARAMETER_TYPES}
   */
  public static String literal(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("null is not a value, compare with IS NULL");
    }
    if (value instanceof String text) {
      return "'" + text.replace("'", "''") + "'";
    }
    if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      return value.toString();
    }
    if (value instanceof Double number) {
      return doubleLiteral(number);
    }
    if (value instanceof BigDecimal decimal) {
      return decimalLiteral(decimal);
    }
    if (value instanceof LocalDate date) {
      checkYear(date.getYear());
      return "DATE '" + DATE.format(date) + "'";
    }
    if (value instanceof Instant instant) {
      return timestampLiteral(instant);
    }
    throw new IllegalArgumentException(
        "values of type " + value.getClass().getSimpleName() + " are not supported");
  }

  /** Scientific notation, which Trino reads as DOUBLE (plain {@code 1.5} would be a DECIMAL). */
  private static String doubleLiteral(double number) {
    if (Double.isNaN(number) || Double.isInfinite(number)) {
      throw new IllegalArgumentException(number + " has no SQL literal");
    }
    String text = Double.toString(number);
    return text.contains("E") ? text : text + "E0";
  }

  private static String decimalLiteral(BigDecimal decimal) {
    int digits = Math.max(decimal.precision() - decimal.scale(), 0) + Math.max(decimal.scale(), 0);
    if (digits > MAX_DECIMAL_DIGITS) {
      throw new IllegalArgumentException(
          "the decimal has " + digits + " digits, Athena holds at most " + MAX_DECIMAL_DIGITS);
    }
    return "DECIMAL '" + decimal.toPlainString() + "'";
  }

  /** Microseconds always, nanoseconds only when the instant has them, so nothing is rounded. */
  private static String timestampLiteral(Instant instant) {
    LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    checkYear(utc.getYear());
    int nanos = utc.getNano();
    String fraction =
        nanos % 1000 == 0
            ? String.format(Locale.ROOT, "%06d", nanos / 1000)
            : String.format(Locale.ROOT, "%09d", nanos);
    return "TIMESTAMP '" + SECONDS.format(utc) + "." + fraction + "'";
  }

  private static void checkYear(int year) {
    if (year < 1 || year > 9999) {
      throw new IllegalArgumentException("year " + year + " is outside 1 to 9999");
    }
  }
}
