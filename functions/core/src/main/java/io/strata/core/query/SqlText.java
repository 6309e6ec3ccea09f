package io.strata.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds SQL text and its parameters together, so that parameters always follow their placeholders'
 * order; quotes identifiers and configuration literals.
 */
public final class SqlText {

  /**
   * An s3:// folder: a bucket and a key prefix ending with '/', of characters safe in SQL and in
   * paths (no '.' or '..' segment).
   */
  public static final Pattern S3_FOLDER =
      Pattern.compile(
          "s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/((?:(?!\\.\\.?/)[A-Za-z0-9_.=-]+/)+)");

  private final StringBuilder sql = new StringBuilder(256);
  private final List<Object> parameters = new ArrayList<>();

  /** Appends text that holds no placeholder. */
  public SqlText text(String text) {
    if (text.indexOf('?') >= 0) {
      throw new IllegalArgumentException("Cannot append SQL text with a placeholder: " + text);
    }
    sql.append(text);
    return this;
  }

  /** Appends a placeholder bound to the value. */
  public SqlText parameter(Object value) {
    sql.append('?');
    parameters.add(value);
    return this;
  }

  /** Appends a fragment with its parameters. */
  public SqlText fragment(SqlStatement fragment) {
    sql.append(fragment.sql());
    parameters.addAll(fragment.parameters());
    return this;
  }

  public SqlStatement build() {
    return new SqlStatement(sql.toString(), parameters);
  }

  /** A double-quoted identifier; names come only from contracts and configuration. */
  public static String identifier(String name) {
    if (name.isEmpty() || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("Cannot quote identifier '" + name + "'");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A single-quoted SQL string literal of configuration text (never of user values). */
  public static String literal(String text) {
    if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("Cannot write a literal with control characters");
    }
    return "'" + text.replace("'", "''") + "'";
  }
}
