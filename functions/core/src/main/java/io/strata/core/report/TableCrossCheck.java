package io.strata.core.report;

import java.util.Set;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * A second, independent look at the tables a report reads, with JSqlParser's own finder: anything
 * it sees that the walk of the syntax tree did not accept is refused too, so a construct one of the
 * two does not know cannot slip a table past both.
 */
final class TableCrossCheck {

  private TableCrossCheck() {}

  /**
   * @param placeholders the identifiers that stand for accepted {@code {{dataset}}} references
   * @param withNames the {@code WITH} names the body defines, lower case
   * @throws IllegalArgumentException naming a table that is neither
   */
  static void check(Statement statement, Set<String> placeholders, Set<String> withNames) {
    Set<String> tables;
    try {
      tables = new TablesNamesFinder<Void>().getTables(statement);
    } catch (UnsupportedOperationException e) {
      throw new IllegalArgumentException(
          "cannot check which tables the query reads: " + e.getMessage(), e);
    }
    for (String table : tables) {
      if (!placeholders.contains(table) && !withNames.contains(SqlTree.unquote(table))) {
        throw new IllegalArgumentException(
            "names " + table + " directly; read datasets only as {{dataset}}");
      }
    }
  }
}
