package io.strata.core.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One page of a query's rows, with values typed for JSON: String, Boolean, Long, Double, BigDecimal
 * or null; dates as {@code yyyy-MM-dd} and timestamps as ISO-8601 instants in UTC ({@code
 * 2024-01-14T08:30:00Z}), both as strings.
 *
 * @param nextToken the token for the next page, or null on the last page
 */
public record ResultPage(List<ResultColumn> columns, List<List<Object>> rows, String nextToken) {

  public ResultPage {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      Objects.requireNonNull(row, "row");
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "Cannot create result page: a row has "
                + row.size()
                + " values for "
                + columns.size()
                + " columns");
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }
}
