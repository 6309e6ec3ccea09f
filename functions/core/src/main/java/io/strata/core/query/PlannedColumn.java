package io.strata.core.query;

import io.strata.core.contract.ColumnType;
import java.util.Objects;

/**
 * A column a plan returns: its name, the type of its stored values and whether the role sees it
 * masked (strings keep their last four characters, other types become null).
 */
public record PlannedColumn(String name, ColumnType type, boolean masked) {

  public PlannedColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
