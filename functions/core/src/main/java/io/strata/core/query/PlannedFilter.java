package io.strata.core.query;

import io.strata.core.contract.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * A validated condition on one column: the operator and its values, typed as the column's stored
 * values so that they bind as parameters of the right SQL type.
 */
public record PlannedFilter(
    String column, ColumnType type, Operator operator, List<Object> values) {

  public PlannedFilter {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(operator, "operator");
    values = List.copyOf(values);
    boolean sized =
        switch (operator.arity()) {
          case NONE -> values.isEmpty();
          case ONE -> values.size() == 1;
          case TWO -> values.size() == 2;
          case LIST -> !values.isEmpty();
        };
    if (!sized) {
      throw new IllegalArgumentException(
          "Cannot plan filter on "
              + column
              + ": '"
              + operator.symbol()
              + "' does not take "
              + values.size()
              + " values");
    }
    for (Object value : values) {
      if (!SqlStatement.PARAMETER_TYPES.contains(value.getClass())) {
        throw new IllegalArgumentException(
            "Cannot plan filter on "
                + column
                + ": unsupported value type "
                + value.getClass().getSimpleName());
      }
    }
  }
}
