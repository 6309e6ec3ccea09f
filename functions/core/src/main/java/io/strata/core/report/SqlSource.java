package io.strata.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.TokenMgrException;

/**
 * A report body as the SQL parser reads it: every {@code {{dataset}}} swapped for an identifier of
 * the same length (so offsets stay those of the body), the tokens of JSqlParser's own lexer, and
 * where each offset stands in the report file. It refuses, by token, what the engines could read
 * otherwise than the parser does (quoting styles other than {@code '...'} and {@code "..."}) and
 * what must never reach the engine ({@code ;}, {@code ?}, {@code ::}).
 */
final class SqlSource {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}\\n]*)}}");
  private static final Pattern STRING = Pattern.compile("(?i)[nx]?'(?:[^']|'')*'\\s*");
  private static final Pattern QUOTED_NAME = Pattern.compile("\"(?:[^\"]|\"\")*\"");

  /** A {@code {{name}}} in the body, from {@code begin} to {@code end} (exclusive). */
  record Placeholder(int begin, int end, String dataset) {}

  private final String body;
  private final String text;
  private final int firstLine;
  private final Map<Integer, Placeholder> placeholders;
  private final List<Token> tokens;
  private final List<Integer> lineStarts = new ArrayList<>();

  private SqlSource(String body, int firstLine) {
    this.body = body;
    this.firstLine = firstLine;
    lineStarts.add(0);
    for (int i = 0; i < body.length(); i++) {
      if (body.charAt(i) == '\n') {
        lineStarts.add(i + 1);
      }
    }
    Map<Integer, Placeholder> found = new TreeMap<>();
    StringBuilder swapped = new StringBuilder(body);
    Matcher matcher = PLACEHOLDER.matcher(body);
    while (matcher.find()) {
      int length = matcher.end() - matcher.start();
      found.put(
          matcher.start(),
          new Placeholder(matcher.start(), matcher.end(), matcher.group(1).trim()));
      swapped.replace(matcher.start(), matcher.end(), "s" + "_".repeat(length - 1));
    }
    this.placeholders = found;
    this.text = swapped.toString();
    this.tokens = lex();
  }

  /**
   * Reads a body.
   *
   * @param firstLine the line of the report file the body starts on, for messages
   * @throws IllegalArgumentException naming the place, when a token breaks a rule
   */
  static SqlSource of(String body, int firstLine) {
    SqlSource source = new SqlSource(body, firstLine);
    source.checkTokens();
    return source;
  }

  /** The body as written. */
  String body() {
    return body;
  }

  /** The text the parser reads: the body with placeholders swapped for identifiers. */
  String text() {
    return text;
  }

  /** Every token, in order. */
  List<Token> tokens() {
    return tokens;
  }

  /** The placeholder that starts exactly at this offset, if any. */
  Placeholder placeholderAt(int offset) {
    return placeholders.get(offset);
  }

  /** Every placeholder of the body, in order. */
  List<Placeholder> placeholders() {
    return List.copyOf(placeholders.values());
  }

  /** Where an offset of the body stands in the report file: {@code line 7, column 12}. */
  String at(int offset) {
    int line = 0;
    while (line + 1 < lineStarts.size() && lineStarts.get(line + 1) <= offset) {
      line++;
    }
    return "line " + (firstLine + line) + ", column " + (offset - lineStarts.get(line) + 1);
  }

  /**
   * The query API appends the row limit after the body; a LIMIT, OFFSET or FETCH of the outermost
   * query (outside every parenthesis) would clash with it. Nested ones are the body's own affair.
   */
  void checkNoOuterRowLimit() {
    int depth = 0;
    for (Token token : tokens) {
      if (token.image.equals("(")) {
        depth++;
      } else if (token.image.equals(")")) {
        depth--;
      } else if (depth == 0
          && (token.kind == CCJSqlParserConstants.K_LIMIT
              || token.kind == CCJSqlParserConstants.K_OFFSET
              || token.kind == CCJSqlParserConstants.K_FETCH)) {
        throw new IllegalArgumentException(
            token.image.toUpperCase(Locale.ROOT)
                + " at "
                + at(SqlSource.begin(token))
                + ": reports are limited by the query API");
      }
    }
  }

  /**
   * The body between two tokens with the lexer's comments taken out: they are the special tokens
   * the lexer attached to the token that follows them, found in the parsed text (where a
   * placeholder in a comment is already swapped) at the same offsets as in the body. Comments after
   * the last token go with the trailing whitespace.
   */
  String codeBetween(int from, int to, Token next) {
    if (body.substring(from, to).isBlank()) {
      return body.substring(from, to);
    }
    if (next == null) {
      return "";
    }
    List<String> comments = new ArrayList<>();
    for (Token special = next.specialToken; special != null; special = special.specialToken) {
      comments.add(0, special.image);
    }
    StringBuilder kept = new StringBuilder();
    int at = from;
    for (String comment : comments) {
      int found = text.indexOf(comment, at);
      if (found < 0 || found + comment.length() > to) {
        continue;
      }
      kept.append(body, at, found).append(' ');
      at = found + comment.length();
    }
    return kept.append(body, at, to).toString();
  }

  static int begin(Token token) {
    return token.absoluteBegin - 1;
  }

  static int end(Token token) {
    return token.absoluteEnd - 1;
  }

  private List<Token> lex() {
    List<Token> all = new ArrayList<>();
    var lexer = CCJSqlParserUtil.newParser(text).token_source;
    try {
      for (Token token = lexer.getNextToken();
          token.kind != CCJSqlParserConstants.EOF;
          token = lexer.getNextToken()) {
        all.add(token);
      }
    } catch (TokenMgrException e) {
      int from = all.isEmpty() ? 0 : end(all.get(all.size() - 1));
      while (from < text.length() && Character.isWhitespace(text.charAt(from))) {
        from++;
      }
      String where = at(from);
      char first = from < text.length() ? text.charAt(from) : ' ';
      throw new IllegalArgumentException(
          text.startsWith("/*", from)
              ? "comment opened at " + where + " is not closed"
              : first == '\'' || first == '"'
                  ? "quote " + first + " opened at " + where + " is not closed"
                  : "unreadable text at " + where,
          e);
    }
    return all;
  }

  private void checkTokens() {
    for (Token token : tokens) {
      String image = token.image;
      String where = at(begin(token));
      boolean quoted = image.indexOf('\'') >= 0 || image.startsWith("\"");
      if (image.equals(";")) {
        throw new IllegalArgumentException(
            "';' at " + where + ": a report is one statement without separators");
      } else if (image.equals("::")) {
        throw new IllegalArgumentException("'::' at " + where + ": write casts as CAST(x AS type)");
      } else if (image.indexOf('?') >= 0) {
        throw new IllegalArgumentException(
            quoted
                ? "'?' in the quoted text at " + where + ": '?' is the placeholder of bound values"
                : "'?' at " + where + ": write parameters as :name");
      } else if (image.indexOf('\'') >= 0 && !STRING.matcher(image).matches()) {
        throw new IllegalArgumentException(
            "string literal at " + where + ": write text as '...' (no escape or dollar quoting)");
      } else if (token.kind == CCJSqlParserConstants.S_QUOTED_IDENTIFIER
          && !QUOTED_NAME.matcher(image).matches()) {
        throw new IllegalArgumentException(
            "quoted name " + image + " at " + where + ": quote names as \"name\"");
      }
    }
  }
}
