package io.strata.core.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a report's SQL body into plain text, {@code {{dataset}}} references and {@code :name}
 * parameters, skipping string literals, quoted identifiers and comments (which are dropped). It
 * refuses what would let a body escape its governance: statement separators, '?' placeholders,
 * {@code ::} casts, a LIMIT of its own, and datasets named directly instead of through {@code
 * {{...}}}; and what Athena would refuse at run time: a parameter outside a WHERE clause.
 *
 * <p>To place parameters it tracks the clause of each query level: the body, and every parenthesis
 * opening a subquery ({@code SELECT} or {@code WITH} first). Any other parenthesis (a function
 * call, a list, {@code FILTER (WHERE ...)}, {@code OVER (...)}) stays in the clause around it, so
 * {@code coalesce(:x, 0)} in a WHERE clause is fine, and in a SELECT list it is not.
 */
final class ReportSql {

  /** One piece of a body. */
  sealed interface Part permits Text, DatasetRef, Parameter {}

  record Text(String sql) implements Part {}

  record DatasetRef(String dataset) implements Part {}

  record Parameter(String name) implements Part {}

  /** Keywords that start a clause of a query level. */
  private static final Set<String> CLAUSES =
      Set.of(
          "select",
          "from",
          "where",
          "group",
          "having",
          "order",
          "limit",
          "offset",
          "fetch",
          "union",
          "intersect",
          "except",
          "join",
          "on",
          "using",
          "window",
          "values");

  /**
   * One query level or parenthesis: whether it holds a query of its own, and the clause its text is
   * in ({@code null} before the first keyword).
   */
  private static final class Level {
    private final boolean query;
    private String clause;

    private Level(boolean query, String clause) {
      this.query = query;
      this.clause = clause;
    }
  }

  private final String body;
  private final Set<String> datasets;
  private final List<Part> parts = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private final Deque<Level> levels = new ArrayDeque<>();
  private boolean parenthesisOpened;
  private String previousWord = "";

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
    levels.push(new Level(true, null));
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
        parenthesisOpened = false;
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
        parenthesisOpened = false;
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
        if (levels.size() == 1 && word.equalsIgnoreCase("limit")) {
          throw new IllegalArgumentException(
              "LIMIT at offset " + i + ": reports are limited by the query API");
        }
        clause(word.toLowerCase(Locale.ROOT));
        text.append(word);
        i = end;
      } else {
        if (c == '(') {
          levels.push(new Level(false, levels.peek().clause));
        } else if (c == ')') {
          if (levels.size() == 1) {
            throw new IllegalArgumentException("')' at offset " + i + " closes no '('");
          }
          levels.pop();
        }
        if (!Character.isWhitespace(c)) {
          parenthesisOpened = c == '(';
        }
        text.append(c);
        i++;
      }
    }
    flush();
    return parts;
  }

  /** Moves the current query level to the clause a keyword starts, if it starts one. */
  private void clause(String word) {
    Level level = levels.peek();
    boolean opensQuery = parenthesisOpened && (word.equals("select") || word.equals("with"));
    parenthesisOpened = false;
    String previous = previousWord;
    previousWord = word;
    if (opensQuery) {
      levels.pop();
      levels.push(new Level(true, word));
    } else if (!level.query) {
      return;
    } else if (word.equals("with") && level.clause == null) {
      level.clause = word;
    } else if (CLAUSES.contains(word) && !(word.equals("from") && previous.equals("distinct"))) {
      level.clause = word;
    }
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
    String name = body.substring(at + 1, end);
    String clause = levels.peek().clause;
    if (!"where".equals(clause)) {
      throw new IllegalArgumentException(
          "parameter :"
              + name
              + " at offset "
              + at
              + " is outside a WHERE clause"
              + (clause == null ? "" : " (in " + clause.toUpperCase(Locale.ROOT) + ")")
              + ": Athena binds parameters only in WHERE clauses");
    }
    parenthesisOpened = false;
    previousWord = "";
    flush();
    parts.add(new Parameter(name));
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
