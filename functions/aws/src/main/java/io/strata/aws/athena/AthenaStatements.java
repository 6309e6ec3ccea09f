package io.strata.aws.athena;

/** What kind of statement a query's text is, as far as the Athena adapter needs to know. */
final class AthenaStatements {

  private static final String UNLOAD = "UNLOAD";

  private AthenaStatements() {}

  /**
   * Whether the text, after leading whitespace and block comments (such as the API's query label),
   * starts with the keyword UNLOAD in any case.
   */
  static boolean isUnload(String sql) {
    if (sql == null) {
      return false;
    }
    int i = 0;
    while (i < sql.length()) {
      if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          return false;
        }
        i = end + 2;
      } else {
        break;
      }
    }
    int after = i + UNLOAD.length();
    return sql.regionMatches(true, i, UNLOAD, 0, UNLOAD.length())
        && (after == sql.length() || !Character.isJavaIdentifierPart(sql.charAt(after)));
  }
}
