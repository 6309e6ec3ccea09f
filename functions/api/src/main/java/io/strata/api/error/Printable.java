package io.strata.api.error;

/**
 * Caller-supplied text (a dataset name from the path, an ARN) made safe to echo in an error
 * message: cut to a length and with control characters replaced, so it cannot forge log lines.
 */
public final class Printable {

  private Printable() {}

  /** The text cut to {@code max} characters and without control characters. */
  public static String of(String text, int max) {
    String cut = text.length() > max ? text.substring(0, max) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
