package io.strata.core.query;

import io.strata.core.access.DatasetGrant;
import io.strata.core.access.RoleGrant;
import io.strata.core.access.RowFilter;
import io.strata.core.contract.DatasetContract;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a raw {@link QueryRequest} against a dataset's contract and the caller's role and turns it
 * into a {@link QueryPlan}. It never builds SQL; every refusal is a {@link QueryRejectedException}
 * whose message names the field.
 */
public final class QueryPlanner {

  private final QueryLimits limits;
  private final Clock clock;

  public QueryPlanner(QueryLimits limits, Clock clock) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Validates the request against the contract and the role's grant; never touches SQL. */
  public QueryPlan plan(DatasetContract contract, RoleGrant role, QueryRequest request) {
    DatasetGrant grant = grantOf(contract, role);
    QueryRequest query =
        request == null ? new QueryRequest(null, null, null, null, null, null) : request;
    Map<String, QueryColumn> visible = visibleColumns(contract, grant);
    ColumnResolver resolver = new ColumnResolver(contract.name(), role.name(), visible, grant);
    checkSizes(query);
    List<PlannedColumn> columns = columns(query.columns(), visible, grant, resolver);
    List<PlannedFilter> filters = new ArrayList<>();
    List<FilterRequest> requested = orEmpty(query.filters());
    for (int i = 0; i < requested.size(); i++) {
      filters.add(
          FilterPlanner.plan(
              requested.get(i), "filters[" + i + "]", resolver, limits.maxInValues()));
    }
    List<PlannedSort> orderBy = orderBy(orEmpty(query.orderBy()), resolver);
    int limit = limit(query.limit());
    View view = view(query.view());
    Instant asOf = AsOf.parse(query.asOf(), clock);
    return new QueryPlan(
        contract,
        role.name(),
        view,
        asOf,
        columns,
        filters,
        orderBy,
        limit,
        rowFilter(contract, grant));
  }

  /**
   * Refuses a request larger than the limits before any of it is checked further, so a hostile
   * request costs no more than a count.
   */
  private void checkSizes(QueryRequest query) {
    tooMany(query.filters(), limits.maxFilters(), Problem.TOO_MANY_FILTERS, "filters", "filters");
    tooMany(query.columns(), limits.maxColumns(), Problem.TOO_MANY_COLUMNS, "columns", "columns");
    tooMany(query.orderBy(), limits.maxOrderBy(), Problem.TOO_MANY_SORTS, "orderBy", "entries");
  }

  private static void tooMany(List<?> list, int max, Problem problem, String field, String things) {
    if (list != null && list.size() > max) {
      throw new QueryRejectedException(
          problem, field + ": at most " + max + " " + things + " are allowed, got " + list.size());
    }
  }

  /**
   * What a role may read of a dataset through a report: the current view of committed batches with
   * every column it may see (lineage included), masked as its grant says, its row filter applied.
   */
  public static QueryPlan governedView(DatasetContract contract, RoleGrant role) {
    DatasetGrant grant = grantOf(contract, role);
    List<PlannedColumn> columns =
        visibleColumns(contract, grant).values().stream()
            .map(c -> new PlannedColumn(c.name(), c.type(), grant.masks(c.name())))
            .toList();
    return new QueryPlan(
        contract,
        role.name(),
        View.CURRENT,
        null,
        columns,
        List.of(),
        List.of(),
        1,
        rowFilter(contract, grant));
  }

  private static DatasetGrant grantOf(DatasetContract contract, RoleGrant role) {
    return role.grantFor(contract.name())
        .orElseThrow(
            () ->
                new QueryRejectedException(
                    Problem.FORBIDDEN,
                    "Role "
                        + role.name()
                        + " may not query dataset "
                        + contract.name()
                        + ": access.yaml grants it no access to it"));
  }

  private static Map<String, QueryColumn> visibleColumns(
      DatasetContract contract, DatasetGrant grant) {
    Map<String, QueryColumn> visible = new LinkedHashMap<>();
    for (QueryColumn column : GrantedColumns.of(contract, grant)) {
      visible.put(column.name(), column);
    }
    return visible;
  }

  private static List<PlannedColumn> columns(
      List<String> requested,
      Map<String, QueryColumn> visible,
      DatasetGrant grant,
      ColumnResolver resolver) {
    List<PlannedColumn> columns = new ArrayList<>();
    if (requested == null || requested.isEmpty()) {
      for (QueryColumn column : visible.values()) {
        if (column.kind() != QueryColumn.Kind.LINEAGE) {
          columns.add(new PlannedColumn(column.name(), column.type(), grant.masks(column.name())));
        }
      }
      return columns;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      String field = "columns[" + i + "]";
      QueryColumn column = resolver.resolve(requested.get(i), field);
      if (!seen.add(column.name())) {
        throw new QueryRejectedException(
            Problem.BAD_REQUEST, field + ": column " + column.name() + " is selected twice");
      }
      columns.add(new PlannedColumn(column.name(), column.type(), grant.masks(column.name())));
    }
    return columns;
  }

  private static List<PlannedSort> orderBy(List<SortRequest> requested, ColumnResolver resolver) {
    List<PlannedSort> sorts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      String field = "orderBy[" + i + "]";
      SortRequest sort = requested.get(i);
      if (sort == null) {
        throw new QueryRejectedException(Problem.BAD_REQUEST, field + ": must be an object");
      }
      QueryColumn column = resolver.resolveUnmasked(sort.column(), field + ".column", "sort");
      if (!seen.add(column.name())) {
        throw new QueryRejectedException(
            Problem.BAD_REQUEST, field + ".column: column " + column.name() + " is sorted twice");
      }
      String direction = sort.direction();
      boolean descending;
      if (direction == null || direction.equalsIgnoreCase("asc")) {
        descending = false;
      } else if (direction.equalsIgnoreCase("desc")) {
        descending = true;
      } else {
        throw new QueryRejectedException(
            Problem.BAD_VALUE,
            field + ".direction: expected asc or desc, got " + TypedValues.shown(direction));
      }
      sorts.add(new PlannedSort(column.name(), descending));
    }
    return sorts;
  }

  private int limit(Integer limit) {
    if (limit == null) {
      return limits.defaultLimit();
    }
    if (limit < 1 || limit > limits.maxLimit()) {
      throw new QueryRejectedException(
          Problem.BAD_VALUE,
          "limit: must be between 1 and " + limits.maxLimit() + ", got " + limit);
    }
    return limit;
  }

  private static View view(String view) {
    if (view == null) {
      return View.CURRENT;
    }
    return View.fromApiName(view)
        .orElseThrow(
            () ->
                new QueryRejectedException(
                    Problem.BAD_VALUE,
                    "view: expected current or history, got " + TypedValues.shown(view)));
  }

  private static PlannedFilter rowFilter(DatasetContract contract, DatasetGrant grant) {
    RowFilter filter = grant.rowFilter();
    if (filter == null) {
      return null;
    }
    QueryColumn column =
        QueryableColumns.of(contract).stream()
            .filter(c -> c.name().equals(filter.column()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Cannot apply row filter of dataset "
                            + contract.name()
                            + ": no queryable column "
                            + filter.column()));
    return new PlannedFilter(
        column.name(), column.type(), Operator.of(filter.operator()), filter.values());
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
