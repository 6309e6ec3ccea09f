package io.strata.core.validate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tests whole values against a contract pattern. Patterns of a fixed length made only of literal
 * ASCII letters, digits, {@code -} and {@code _} and the classes {@code [0-9]}, {@code \d}, {@code
 * [A-Z]} and {@code [a-z]}, each optionally repeated {@code {n}} times (ids such as {@code
 * ^TX[0-9]{10}$}), are checked by comparing characters with ranges, which costs a fraction of a
 * regex match; every other pattern goes to a reused {@link Matcher}. Not thread-safe.
 */
final class PatternCheck {

  private final Pattern pattern;
  private final Matcher matcher;
  private final char[] low;
  private final char[] high;

  PatternCheck(Pattern pattern) {
    this.pattern = pattern;
    char[][] ranges = pattern.flags() == 0 ? fixedRanges(pattern.pattern()) : null;
    this.low = ranges == null ? null : ranges[0];
    this.high = ranges == null ? null : ranges[1];
    this.matcher = ranges == null ? pattern.matcher("") : null;
  }

  /** Whether the whole value matches. */
  boolean matches(String value) {
    if (low == null) {
      return matcher.reset(value).matches();
    }
    if (value.length() != low.length) {
      return false;
    }
    for (int i = 0; i < low.length; i++) {
      char c = value.charAt(i);
      if (c < low[i] || c > high[i]) {
        return false;
      }
    }
    return true;
  }

  /** The pattern as the contract wrote it. */
  String pattern() {
    return pattern.pattern();
  }

  /** Whether the pattern is checked without a regex (for tests). */
  boolean isFixed() {
    return low != null;
  }

  /**
   * Per position the lowest and highest allowed character, or null if the pattern is not simple.
   */
  static char[][] fixedRanges(String regex) {
    int start = regex.startsWith("^") ? 1 : 0;
    int end = regex.endsWith("$") && !regex.endsWith("\\$") ? regex.length() - 1 : regex.length();
    StringBuilder low = new StringBuilder();
    StringBuilder high = new StringBuilder();
    int i = start;
    while (i < end) {
      char lo;
      char hi;
      char c = regex.charAt(i);
      if (isPlainLiteral(c)) {
        lo = c;
        hi = c;
        i++;
      } else if (regex.startsWith("\\d", i)) {
        lo = '0';
        hi = '9';
        i += 2;
      } else if (regex.startsWith("[0-9]", i)
          || regex.startsWith("[A-Z]", i)
          || regex.startsWith("[a-z]", i)) {
        lo = regex.charAt(i + 1);
        hi = regex.charAt(i + 3);
        i += 5;
      } else {
        return null;
      }
      int count = 1;
      if (i < end && regex.charAt(i) == '{') {
        int close = regex.indexOf('}', i);
        if (close < 0 || close >= end || close == i + 1 || close - i > 4) {
          return null;
        }
        count = 0;
        for (int j = i + 1; j < close; j++) {
          char digit = regex.charAt(j);
          if (digit < '0' || digit > '9') {
            return null;
          }
          count = count * 10 + (digit - '0');
        }
        i = close + 1;
      }
      for (int k = 0; k < count; k++) {
        low.append(lo);
        high.append(hi);
      }
    }
    if (low.length() == 0) {
      return null;
    }
    return new char[][] {low.toString().toCharArray(), high.toString().toCharArray()};
  }

  /** Characters that stand for themselves outside a class: ASCII letters, digits, '-' and '_'. */
  private static boolean isPlainLiteral(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }
}
