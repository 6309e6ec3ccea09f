package io.strata.core.ingest;

import io.strata.core.validate.Violation;

/**
 * Shortens what a violation shows of its value and message before it goes into a report or a
 * rejects file, so that hostile input (a megabyte in one field, a thousand times) cannot blow up
 * memory or the report; the full record stays in the raw object.
 */
final class ViolationBounds {

  static final int MAX_VALUE_CHARS = 200;
  static final int MAX_MESSAGE_CHARS = 500;

  private ViolationBounds() {}

  static Violation bounded(Violation v) {
    String value = shorten(v.value(), MAX_VALUE_CHARS);
    String message = shorten(v.message(), MAX_MESSAGE_CHARS);
    if (value == v.value() && message == v.message()) {
      return v;
    }
    return new Violation(v.line(), v.column(), v.rule(), value, message);
  }

  /** The text itself when short enough, else its start and how long it was. */
  static String shorten(String text, int maxChars) {
    if (text == null || text.codePointCount(0, text.length()) <= maxChars) {
      return text;
    }
    int end = text.offsetByCodePoints(0, maxChars);
    return text.substring(0, end) + "…(" + text.length() + " chars)";
  }
}
