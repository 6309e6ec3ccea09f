package io.strata.api.error;

import java.util.regex.Pattern;

/**
 * A query engine's failure text made fit for the operators' log: its quoted literals hidden. The
 * engines quote the values they choke on ({@code Cannot cast 'DE89…' to bigint}), and those values
 * come from the data or from a caller's filters, so they may be PII; the rest of the text (error
 * type, function, column and line) is what an operator needs, and stays.
 */
public final class EngineReasons {

  /** A SQL string literal, with {@code ''} as an escaped quote inside it. */
  private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");

  private EngineReasons() {}

  /** The reason with every quoted literal shown as {@code '…'}, cut to 1,000 printable chars. */
  public static String loggable(String reason) {
    if (reason == null) {
      return "no reason given";
    }
    return Printable.of(LITERAL.matcher(reason).replaceAll("'…'"), 1_000);
  }
}
