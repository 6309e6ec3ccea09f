package io.strata.core.report;

import static net.sf.jsqlparser.parser.CCJSqlParserTreeConstants.JJTJOINEREXPRESSION;
import static net.sf.jsqlparser.parser.CCJSqlParserTreeConstants.JJTPLAINSELECT;
import static net.sf.jsqlparser.parser.CCJSqlParserTreeConstants.JJTSETOPERATIONLIST;
import static net.sf.jsqlparser.parser.CCJSqlParserTreeConstants.JJTWITHITEM;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.SimpleNode;
import net.sf.jsqlparser.parser.Token;

/**
 * The syntax tree JSqlParser builds while it parses (one node per grammar production, each with its
 * first and last token), read for what the statement model does not say: which clause of which
 * query level a node stands in, and which {@code WITH} names are in scope where. Walking this tree
 * rather than the model means no construct can be skipped by a visitor that does not know it.
 */
final class SqlTree {

  /** Keywords that open a clause of a query level. */
  private static final Set<String> CLAUSES =
      Set.of(
          "SELECT",
          "FROM",
          "WHERE",
          "GROUP",
          "HAVING",
          "ORDER",
          "LIMIT",
          "OFFSET",
          "FETCH",
          "WINDOW",
          "QUALIFY",
          "PREWHERE",
          "UNION",
          "INTERSECT",
          "EXCEPT",
          "MINUS",
          "VALUES",
          "INTO",
          "TOP",
          "CONNECT",
          "START");

  /** Clauses the parser wraps in a node of their own, keyword included. */
  private static final Set<String> WRAPPED_CLAUSES =
      Set.of("LIMIT", "OFFSET", "FETCH", "TOP", "WINDOW", "QUALIFY");

  private static final Map<String, String> LABELS =
      Map.of("GROUP", "GROUP BY", "ORDER", "ORDER BY");

  private final SqlSource source;
  private final List<SimpleNode> nodes = new ArrayList<>();

  SqlTree(SqlSource source, Node root) {
    this.source = source;
    Deque<Node> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      SimpleNode node = (SimpleNode) pending.pop();
      nodes.add(node);
      for (int i = node.jjtGetNumChildren() - 1; i >= 0; i--) {
        pending.push(node.jjtGetChild(i));
      }
    }
  }

  /** Every node, parents before children, in text order. */
  List<SimpleNode> nodes() {
    return nodes;
  }

  static int begin(SimpleNode node) {
    return SqlSource.begin(node.jjtGetFirstToken());
  }

  static int end(SimpleNode node) {
    return SqlSource.end(node.jjtGetLastToken());
  }

  /** The name a {@code WITH} item defines, lower case and unquoted; empty if it is recursive. */
  static Optional<String> withName(SimpleNode withItem) {
    Token first = withItem.jjtGetFirstToken();
    if (first.image.equalsIgnoreCase("RECURSIVE")) {
      return Optional.empty();
    }
    return Optional.of(unquote(first.image));
  }

  /** An identifier as the engines compare it: lower case, without its double quotes. */
  static String unquote(String identifier) {
    String name =
        identifier.startsWith("\"") && identifier.endsWith("\"") && identifier.length() > 1
            ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
            : identifier;
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a {@code WITH} item of this name is in scope at the node: one attached to a query that
   * encloses it, defined before the item the node stands in, if any.
   */
  static boolean withNameInScope(SimpleNode node, String name) {
    Node child = node;
    for (Node parent = node.jjtGetParent(); parent != null; parent = parent.jjtGetParent()) {
      for (int i = 0; i < parent.jjtGetNumChildren(); i++) {
        SimpleNode sibling = (SimpleNode) parent.jjtGetChild(i);
        if (sibling == child) {
          if (sibling.getId() == JJTWITHITEM) {
            break;
          }
          continue;
        }
        if (sibling.getId() == JJTWITHITEM && withName(sibling).filter(name::equals).isPresent()) {
          return true;
        }
      }
      child = parent;
    }
    return false;
  }

  /**
   * The clause a node stands in, as the innermost query level around it sees it ({@code WHERE},
   * {@code SELECT}, {@code JOIN}, {@code ORDER BY}, …), or null when no query level holds it.
   */
  String clause(SimpleNode node) {
    SimpleNode child = node;
    SimpleNode level = (SimpleNode) node.jjtGetParent();
    while (level != null && !isQueryLevel(level)) {
      child = level;
      level = (SimpleNode) level.jjtGetParent();
    }
    if (level == null) {
      return null;
    }
    if (child.getId() == JJTJOINEREXPRESSION) {
      return "JOIN";
    }
    String first = child.jjtGetFirstToken().image.toUpperCase(Locale.ROOT);
    if (WRAPPED_CLAUSES.contains(first)) {
      return first;
    }
    String keyword = lastOwnKeyword(level, begin(child));
    if (keyword == null) {
      return null;
    }
    if (keyword.equals("WHERE") && level.getId() != JJTPLAINSELECT) {
      return null;
    }
    return LABELS.getOrDefault(keyword, keyword);
  }

  private static boolean isQueryLevel(SimpleNode node) {
    return node.getId() == JJTPLAINSELECT || node.getId() == JJTSETOPERATIONLIST;
  }

  /** The last clause keyword of the level itself (not of a node inside it) before an offset. */
  private String lastOwnKeyword(SimpleNode level, int before) {
    String keyword = null;
    for (Token token : source.tokens()) {
      int at = SqlSource.begin(token);
      if (at < begin(level) || at >= before) {
        continue;
      }
      String image = token.image.toUpperCase(Locale.ROOT);
      if (CLAUSES.contains(image) && !insideChild(level, at)) {
        keyword = image;
      }
    }
    return keyword;
  }

  private static boolean insideChild(SimpleNode level, int offset) {
    for (int i = 0; i < level.jjtGetNumChildren(); i++) {
      SimpleNode child = (SimpleNode) level.jjtGetChild(i);
      if (begin(child) <= offset && offset < end(child)) {
        return true;
      }
    }
    return false;
  }
}
