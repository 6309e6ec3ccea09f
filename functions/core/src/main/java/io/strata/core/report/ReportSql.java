package io.strata.core.report;

import static net.sf.jsqlparser.parser.CCJSqlParserTreeConstants.JJTTABLENAME;
import static net.sf.jsqlparser.parser.CCJSqlParserTreeConstants.JJTWITHITEM;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.SimpleNode;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;

/**
 * The governance gate of named reports. It parses a report's SQL body with JSqlParser and accepts
 * it only if it is one {@code SELECT} that reads datasets only as {@code {{dataset}}} (no table
 * named directly, no table function such as {@code read_parquet}, no {@code WITH} name shadowing a
 * dataset), takes values only as {@code :name} parameters inside WHERE clauses (where Athena binds
 * them), and leaves the row limit to the query API. It then splits the body into plain text,
 * dataset references and parameters for {@link ReportCompiler}; comments are dropped.
 */
final class ReportSql {

  /** One piece of a body. */
  sealed interface Part permits Text, DatasetRef, Parameter {}

  record Text(String sql) implements Part {}

  record DatasetRef(String dataset) implements Part {}

  record Parameter(String name) implements Part {}

  private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z][a-z0-9_]*");

  /** The only table function a report may call: it reads the rows' own arrays, no storage. */
  private static final String UNNEST = "unnest";

  /**
   * Scalar functions of the local engine (DuckDB) that read the process environment or settings,
   * where a key may sit; Athena has none. Table functions are refused wholesale.
   */
  private static final Set<String> PROCESS_FUNCTIONS = Set.of("getenv", "current_setting");

  private final SqlSource source;
  private final Set<String> datasets;
  private final Map<Integer, Part> replaced = new TreeMap<>();
  private final Map<Integer, Integer> replacedEnds = new TreeMap<>();
  private final Set<String> withNames = new HashSet<>();

  private ReportSql(SqlSource source, Set<String> datasets) {
    this.source = source;
    this.datasets = datasets;
  }

  /** The parts of a body whose first line is line 1. */
  static List<Part> parse(String body, Set<String> datasets) {
    return parse(body, datasets, 1);
  }

  /**
   * The parts of a body.
   *
   * @param datasets the datasets a body may read as {@code {{name}}}
   * @param firstLine the line of the report file the body starts on, for messages
   * @throws IllegalArgumentException naming the place and the rule, when the body breaks one
   */
  static List<Part> parse(String body, Set<String> datasets, int firstLine) {
    return new ReportSql(SqlSource.of(body, firstLine), datasets).parse();
  }

  private List<Part> parse() {
    CCJSqlParser parser =
        CCJSqlParserUtil.newParser(source.text())
            .withBackslashEscapeCharacter(false)
            .withSquareBracketQuotation(false);
    Statement statement;
    try {
      statement = parser.Statement();
    } catch (ParseException e) {
      throw notSql(e.currentToken == null ? null : e.currentToken.next, e);
    }
    Token rest = parser.getNextToken();
    if (rest.kind != CCJSqlParserConstants.EOF) {
      throw notSql(rest, null);
    }
    if (!(statement instanceof Select)) {
      throw new IllegalArgumentException(
          "a report is one SELECT query, not " + statement.getClass().getSimpleName());
    }
    SqlTree tree = new SqlTree(source, parser.getASTRoot());
    checkWithNames(tree);
    checkTables(tree);
    checkPlaceholdersAreTables();
    checkParameters(tree);
    source.checkNoOuterRowLimit();
    TableCrossCheck.check(statement, acceptedPlaceholders(), withNames);
    return parts();
  }

  private IllegalArgumentException notSql(Token token, Exception cause) {
    if (token == null || token.kind == CCJSqlParserConstants.EOF) {
      return new IllegalArgumentException("not valid SQL: the statement ends too early", cause);
    }
    return new IllegalArgumentException(
        "not valid SQL at "
            + source.at(SqlSource.begin(token))
            + ": unexpected '"
            + source.body().substring(SqlSource.begin(token), SqlSource.end(token))
            + "'",
        cause);
  }

  private void checkWithNames(SqlTree tree) {
    for (SimpleNode node : tree.nodes()) {
      if (node.getId() != JJTWITHITEM) {
        continue;
      }
      String at = source.at(SqlTree.begin(node));
      String name =
          SqlTree.withName(node)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "WITH RECURSIVE at " + at + ": reports do not support recursion"));
      withNames.add(name);
      if (datasets.contains(name)) {
        throw new IllegalArgumentException(
            "WITH name " + name + " at " + at + " shadows dataset " + name + "; choose another");
      }
    }
  }

  /** Every table the body reads is a {@code {{dataset}}} or a {@code WITH} name in scope. */
  private void checkTables(SqlTree tree) {
    for (SimpleNode node : tree.nodes()) {
      int begin = SqlTree.begin(node);
      if (node.jjtGetValue() instanceof TableFunction function) {
        String name = function.getFunction().getName();
        if (!UNNEST.equalsIgnoreCase(name)) {
          throw new IllegalArgumentException(
              "table function "
                  + name
                  + " at "
                  + source.at(begin)
                  + ": read datasets only as {{dataset}}");
        }
      }
      if (node.jjtGetValue() instanceof Function function
          && function.getName() != null
          && PROCESS_FUNCTIONS.contains(function.getName().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "function "
                + function.getName()
                + " at "
                + source.at(begin)
                + " reads the engine's environment; reports may not call it");
      }
      if (node.getId() != JJTTABLENAME
          || ((SimpleNode) node.jjtGetParent()).jjtGetValue() instanceof AllTableColumns) {
        continue; // t.* names a relation of the FROM clause, it reads nothing of its own
      }
      SqlSource.Placeholder placeholder = source.placeholderAt(begin);
      if (placeholder != null && placeholder.end() == SqlTree.end(node)) {
        if (!datasets.contains(placeholder.dataset())) {
          throw new IllegalArgumentException(
              "unknown dataset {{" + placeholder.dataset() + "}} at " + source.at(begin));
        }
        replace(begin, placeholder.end(), new DatasetRef(placeholder.dataset()));
        continue;
      }
      boolean singleName = node.jjtGetFirstToken() == node.jjtGetLastToken();
      if (singleName
          && SqlTree.withNameInScope(node, SqlTree.unquote(node.jjtGetFirstToken().image))) {
        continue;
      }
      throw new IllegalArgumentException(
          "names "
              + source.body().substring(begin, SqlTree.end(node))
              + " directly at "
              + source.at(begin)
              + "; read datasets only as {{dataset}}");
    }
  }

  /** A {@code {{dataset}}} outside literals and comments must be read as a table. */
  private void checkPlaceholdersAreTables() {
    for (Token token : source.tokens()) {
      SqlSource.Placeholder placeholder = source.placeholderAt(SqlSource.begin(token));
      if (placeholder != null
          && placeholder.end() == SqlSource.end(token)
          && !replaced.containsKey(placeholder.begin())) {
        throw new IllegalArgumentException(
            "{{"
                + placeholder.dataset()
                + "}} at "
                + source.at(placeholder.begin())
                + " is not read as a table: write FROM {{"
                + placeholder.dataset()
                + "}}");
      }
    }
  }

  private void checkParameters(SqlTree tree) {
    Map<JdbcNamedParameter, SimpleNode> innermost = new IdentityHashMap<>();
    for (SimpleNode node : tree.nodes()) {
      if (node.jjtGetValue() instanceof JdbcNamedParameter parameter) {
        innermost.put(parameter, node);
      }
    }
    for (Map.Entry<JdbcNamedParameter, SimpleNode> entry : innermost.entrySet()) {
      SimpleNode node = entry.getValue();
      int begin = SqlTree.begin(node);
      String name = entry.getKey().getName();
      if (!PARAMETER_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "':' at " + source.at(begin) + " does not start a parameter (:name, lower case)");
      }
      String clause = tree.clause(node);
      if (!"WHERE".equals(clause)) {
        throw new IllegalArgumentException(
            "parameter :"
                + name
                + " at "
                + source.at(begin)
                + " is outside a WHERE clause"
                + (clause == null ? "" : " (in " + clause + ")")
                + ": Athena binds parameters only in WHERE clauses");
      }
      replace(begin, SqlTree.end(node), new Parameter(name));
    }
    for (Token token : source.tokens()) {
      if (token.image.equals(":") && !replaced.containsKey(SqlSource.begin(token))) {
        throw new IllegalArgumentException(
            "':' at "
                + source.at(SqlSource.begin(token))
                + " does not start a parameter (:name, lower case)");
      }
    }
  }

  /** The placeholder identifiers the tree walk accepted as dataset references. */
  private Set<String> acceptedPlaceholders() {
    Set<String> accepted = new HashSet<>();
    replaced.forEach(
        (begin, part) -> {
          if (part instanceof DatasetRef) {
            accepted.add(source.text().substring(begin, replacedEnds.get(begin)));
          }
        });
    return accepted;
  }

  private void replace(int begin, int end, Part part) {
    replaced.put(begin, part);
    replacedEnds.put(begin, end);
  }

  /** The body cut at dataset references and parameters, comments dropped. */
  private List<Part> parts() {
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    String body = source.body();
    int at = 0;
    for (Token token : source.tokens()) {
      int begin = SqlSource.begin(token);
      if (begin < at) {
        continue;
      }
      text.append(source.codeBetween(at, begin, token));
      Part part = replaced.get(begin);
      if (part == null) {
        at = SqlSource.end(token);
        text.append(body, begin, at);
        continue;
      }
      if (!text.isEmpty()) {
        parts.add(new Text(text.toString()));
        text.setLength(0);
      }
      parts.add(part);
      at = replacedEnds.get(begin);
    }
    text.append(source.codeBetween(at, body.length(), null));
    if (!text.toString().isBlank()) {
      parts.add(new Text(text.toString()));
    }
    return parts;
  }
}
