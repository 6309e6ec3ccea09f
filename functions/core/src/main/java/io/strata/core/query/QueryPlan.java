package io.strata.core.query;

import io.strata.core.contract.DatasetContract;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A validated query of one dataset by one role, ready for {@link SqlCompiler}: what it returns,
 * which rows it keeps and in which order. Column names come only from the contract.
 *
 * @param role the name of the role whose grant shaped the plan
 * @param asOf the point in time the query sees the dataset at, or null for everything committed
 * @param columns the output columns, in order
 * @param filters the caller's filters, all of which must hold
 * @param rowFilter the role's row filter from {@code access.yaml}, or null
 * @param limit rows at most; exports ignore it
 */
public record QueryPlan(
    DatasetContract contract,
    String role,
    View view,
    Instant asOf,
    List<PlannedColumn> columns,
    List<PlannedFilter> filters,
    List<PlannedSort> orderBy,
    int limit,
    PlannedFilter rowFilter) {

  public QueryPlan {
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(view, "view");
    columns = List.copyOf(columns);
    filters = List.copyOf(filters);
    orderBy = List.copyOf(orderBy);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot plan a query of " + contract.name() + ": no column");
    }
    if (limit < 1) {
      throw new IllegalArgumentException(
          "Cannot plan a query of " + contract.name() + ": limit " + limit);
    }
  }

  public String dataset() {
    return contract.name();
  }

  /** The names of the output columns, in order. */
  public List<String> outputColumns() {
    return columns.stream().map(PlannedColumn::name).toList();
  }

  /** Whether the query keeps only the latest version of each business key. */
  public boolean ranked() {
    return view == View.CURRENT && !contract.key().isEmpty();
  }
}
