package io.strata.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a report's SQL body into plain text, {@code {{dataset}}} references and {@code :name}
 * parameters, skipping string literals, quoted identifiers and comments (which are dropped). It
 * refuses what would let a body escape its governance: statement separators, '?' placeholders,
 * {@code ::} casts, a LIMIT of its own, and datasets named directly instead of through {@code
 * {{...}}}.
 */
final class ReportSql {

  /** One piece of a body. */
  sealed interface Part permits Text, DatasetRef, Parameter {}

  record Text(String sql) implements Part {}

  record DatasetRef(String dataset) implements Part {}

  record Parameter(String name) implements Part {}

  private final String body;
  private final Set<String> datasets;
  private final List<Part> parts = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private int depth;

  private ReportSql(String body, Set<String> datasets) {
    this.body = body;
    this.datasets = datasets;
  }

  /**
   * The parts of a body.
   *
   * @param datasets names that may appear only as {@code {{name}}}
   * @throws IllegalArgumentException with the reason, when the body breaks a rule
   */
  static List<Part> parse(String body, Set<String> datasets) {
    return new ReportSql(body, datasets).parse();
  }

  private List<Part> parse() {
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == '\'' || c == '"') {
        int end = closing(i, c);
        String quoted = body.substring(i, end);
        if (quoted.indexOf('?') >= 0) {
          throw new IllegalArgumentException(
              "'?' in the quoted text at offset " + i + ": '?' is the placeholder of bound values");
        }
        if (c == '"') {
          checkWord(quoted.substring(1, quoted.length() - 1).replace("\"\"", "\""));
        }
        text.append(quoted);
        i = end;
      } else if (body.startsWith("--", i)) {
        int end = body.indexOf('\n', i);
        i = end < 0 ? body.length() : end;
        text.append(' ');
      } else if (body.startsWith("/*", i)) {
        int end = body.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("comment opened at offset " + i + " is not closed");
        }
        i = end + 2;
        text.append(' ');
      } else if (body.startsWith("{{", i)) {
        int end = body.indexOf("}}", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("'{{' at offset " + i + " is not closed");
        }
        String name = body.substring(i + 2, end).trim();
        if (!datasets.contains(name)) {
          throw new IllegalArgumentException("unknown dataset {{" + name + "}}");
        }
        flush();
        parts.add(new DatasetRef(name));
        i = end + 2;
      } else if (c == ':') {
        i = parameter(i);
      } else if (c == ';') {
        throw new IllegalArgumentException(
            "';' at offset " + i + ": a report is one statement without separators");
      } else if (c == '?') {
        throw new IllegalArgumentException("'?' at offset " + i + ": write parameters as :name");
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < body.length()
            && (Character.isLetterOrDigit(body.charAt(end)) || body.charAt(end) == '_')) {
          end++;
        }
        String word = body.substring(i, end);
        checkWord(word);
        if (depth == 0 && word.equalsIgnoreCase("limit")) {
          throw new IllegalArgumentException(
              "LIMIT at offset " + i + ": reports are limited by the query API");
        }
        text.append(word);
        i = end;
      } else {
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        }
        text.append(c);
        i++;
      }
    }
    flush();
    return parts;
  }

  private int parameter(int at) {
    if (body.startsWith("::", at)) {
      throw new IllegalArgumentException(
          "'::' at offset " + at + ": write casts as CAST(x AS type)");
    }
    int end = at + 1;
    if (end >= body.length() || body.charAt(end) < 'a' || body.charAt(end) > 'z') {
      throw new IllegalArgumentException(
          "':' at offset " + at + " does not start a parameter (:name, lower case)");
    }
    while (end < body.length()
        && (Character.isLowerCase(body.charAt(end))
            || Character.isDigit(body.charAt(end))
            || body.charAt(end) == '_')) {
      end++;
    }
    flush();
    parts.add(new Parameter(body.substring(at + 1, end)));
    return end;
  }

  private void checkWord(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (datasets.contains(lower) || lower.equals("strata_batches")) {
      throw new IllegalArgumentException(
          "names " + lower + " directly; read datasets only as {{dataset}}");
    }
  }

  private int closing(int start, char quote) {
    int i = start + 1;
    while (i < body.length()) {
      if (body.charAt(i) == quote) {
        if (i + 1 < body.length() && body.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException(
        "quote " + quote + " opened at offset " + start + " is not closed");
  }

  private void flush() {
    if (!text.isEmpty()) {
      parts.add(new Text(text.toString()));
      text.setLength(0);
    }
  }
}
