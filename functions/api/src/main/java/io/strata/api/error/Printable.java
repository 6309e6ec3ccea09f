package io.strata.api.error;

import java.util.regex.Pattern;

/**
 * Caller-supplied text (a dataset name from the path, an ARN) made safe to echo in an error
 * message: cut to a length, with control characters, line and paragraph separators and invisible
 * format characters (bidi overrides such as U+202E, zero-width marks) replaced, so it can neither
 * break a line nor disguise what it says.
 */
public final class Printable {

  /** Characters that must never reach a caller's screen or a log line unescaped. */
  public static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

  private Printable() {}

  /** The text cut to {@code max} characters, with every {@link #UNSAFE} character shown as '?'. */
  public static String of(String text, int max) {
    String cut = text.length() > max ? text.substring(0, max) + "…" : text;
    return UNSAFE.matcher(cut).replaceAll("?");
  }

  /**
   * The text cut to {@code max} characters, with every {@link #UNSAFE} character written as a
   * visible {@code \}{@code u} escape of its four hex digits and every backslash doubled, so a
   * caller who sends the six characters of an escape cannot pass them off as an escaped character:
   * nothing is lost, nothing is hidden.
   */
  public static String escaped(String text, int max) {
    String cut = text.length() > max ? text.substring(0, max) + "…" : text;
    return UNSAFE
        .matcher(cut.replace("\\", "\\\\"))
        .replaceAll(m -> String.format("\\\\u%04x", (int) m.group().charAt(0)));
  }
}
