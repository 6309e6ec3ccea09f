package io.strata.core.validate;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Exact, allocation-light parsers for the common value shapes, written by hand so that valid input
 * never costs an exception. Integers leave their result in {@link #longValue()}; the others return
 * null for text they do not accept. Not thread-safe: one per {@link RowValidator}.
 */
final class ValueParser {

  private long longValue;

  /** The result of the last successful {@link #parseLong}. */
  long longValue() {
    return longValue;
  }

  /** An optionally signed run of ASCII digits within the long range. */
  boolean parseLong(String text) {
    int length = text.length();
    if (length == 0) {
      return false;
    }
    int i = 0;
    boolean negative = false;
    char first = text.charAt(0);
    if (first == '-' || first == '+') {
      negative = first == '-';
      i = 1;
      if (length == 1) {
        return false;
      }
    }
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multiplyLimit = limit / 10;
    long result = 0;
    for (; i < length; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9 || result < multiplyLimit) {
        return false;
      }
      result *= 10;
      if (result < limit + digit) {
        return false;
      }
      result -= digit;
    }
    longValue = negative ? result : -result;
    return true;
  }

  /** Plain decimal text ({@code -12.5}); no exponent, at most {@code scale} fraction digits. */
  static BigDecimal parseDecimal(String text, int precision, int scale) {
    int length = text.length();
    int i = 0;
    boolean negative = false;
    if (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
      negative = text.charAt(0) == '-';
      i = 1;
    }
    int intStart = i;
    while (i < length && isDigit(text.charAt(i))) {
      i++;
    }
    int intEnd = i;
    int fractionDigits = 0;
    if (i < length && text.charAt(i) == '.') {
      i++;
      int fractionStart = i;
      while (i < length && isDigit(text.charAt(i))) {
        i++;
      }
      fractionDigits = i - fractionStart;
      if (fractionDigits == 0) {
        return null;
      }
    }
    if (i != length || intEnd == intStart || fractionDigits > scale) {
      return null;
    }
    int significant = intStart;
    while (significant < intEnd && text.charAt(significant) == '0') {
      significant++;
    }
    if (intEnd - significant > precision - scale) {
      return null;
    }
    if (precision > 18) {
      return new BigDecimal(text).setScale(scale);
    }
    long unscaled = 0;
    for (int j = significant; j < length; j++) {
      char c = text.charAt(j);
      if (c != '.') {
        unscaled = unscaled * 10 + (c - '0');
      }
    }
    for (int j = fractionDigits; j < scale; j++) {
      unscaled *= 10;
    }
    return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
  }

  /** Decimal or scientific notation ({@code 1.5e3}); no NaN, no infinity, no hex. */
  static Double parseDouble(String text) {
    int length = text.length();
    int i = 0;
    if (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
      i = 1;
    }
    int digits = 0;
    while (i < length && isDigit(text.charAt(i))) {
      i++;
      digits++;
    }
    if (i < length && text.charAt(i) == '.') {
      i++;
      while (i < length && isDigit(text.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return null;
    }
    if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
        i++;
      }
      int exponentStart = i;
      while (i < length && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == exponentStart) {
        return null;
      }
    }
    if (i != length) {
      return null;
    }
    double value = Double.parseDouble(text);
    return Double.isInfinite(value) ? null : value;
  }

  /** {@code true} or {@code false} in any case. */
  static Boolean parseBoolean(String text) {
    if (text.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    return text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
  }

  /** Exactly {@code yyyy-MM-dd} with a real calendar day (strict), or null. */
  static LocalDate parseIsoDate(String text) {
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return null;
    }
    return LocalDate.of(year, month, day);
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
