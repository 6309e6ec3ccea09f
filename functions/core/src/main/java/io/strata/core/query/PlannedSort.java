package io.strata.core.query;

import java.util.Objects;

/** One ordering term of a plan. */
public record PlannedSort(String column, boolean descending) {

  public PlannedSort {
    Objects.requireNonNull(column, "column");
  }
}
