package io.strata.core.report;

import io.strata.core.contract.ColumnType;
import java.util.Objects;

/**
 * One typed parameter of a named report, written {@code :name} in its SQL.
 *
 * @param defaultValue the value when the caller gives none, typed like {@code type}; null for a
 *     required parameter
 */
public record ReportParameter(String name, ColumnType type, boolean required, Object defaultValue) {

  public ReportParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (required == (defaultValue != null)) {
      throw new IllegalArgumentException(
          "Cannot create report parameter "
              + name
              + ": a parameter is either required or has a default");
    }
  }
}
