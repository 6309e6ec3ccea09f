package io.strata.core.query;

import io.strata.core.access.DatasetGrant;
import java.util.Map;

/**
 * Finds the columns a request names among those a role may see; hidden columns and columns that
 * never existed are refused with the same message.
 */
final class ColumnResolver {

  private final String dataset;
  private final String role;
  private final Map<String, QueryColumn> visible;
  private final DatasetGrant grant;

  ColumnResolver(
      String dataset, String role, Map<String, QueryColumn> visible, DatasetGrant grant) {
    this.dataset = dataset;
    this.role = role;
    this.visible = visible;
    this.grant = grant;
  }

  /** The visible column named so. */
  QueryColumn resolve(String name, String field) {
    if (name == null) {
      throw new QueryRejectedException(Problem.BAD_REQUEST, field + ": a column name is required");
    }
    QueryColumn column = visible.get(name);
    if (column == null) {
      throw new QueryRejectedException(
          Problem.UNKNOWN_COLUMN,
          field + ": unknown column '" + bare(name) + "' in dataset " + dataset);
    }
    return column;
  }

  private static String bare(String name) {
    String shown = TypedValues.shown(name);
    return shown.substring(1, shown.length() - 1);
  }

  /** The visible column named so, refused when the role sees it only masked. */
  QueryColumn resolveUnmasked(String name, String field, String action) {
    QueryColumn column = resolve(name, field);
    if (grant.masks(column.name())) {
      throw new QueryRejectedException(
          Problem.FORBIDDEN,
          "Role "
              + role
              + " may not "
              + action
              + " on column "
              + column.name()
              + " ("
              + field
              + "): access.yaml masks it in dataset "
              + dataset);
    }
    return column;
  }
}
