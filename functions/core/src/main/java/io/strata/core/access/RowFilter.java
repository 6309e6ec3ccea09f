package io.strata.core.access;

import io.strata.core.query.SqlStatement;
import java.util.List;
import java.util.Objects;

/**
 * A structured condition that limits which rows a role sees: a contract column, an operator and
 * values typed like the column (String, Boolean, Integer, Long, Double, BigDecimal, LocalDate,
 * Instant), so the query layer can bind them as parameters.
 */
public record RowFilter(String column, FilterOperator operator, List<Object> values) {

  public RowFilter {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(operator, "operator");
    values = List.copyOf(values);
    String subject = "row filter on " + column;
    if (!column.matches("[a-z][a-z0-9_]*")) {
      throw new AccessPolicyException(
          "Cannot create " + subject + ": column must be lower snake case ([a-z][a-z0-9_]*)");
    }
    if (operator.multiValued() && values.isEmpty()) {
      throw new AccessPolicyException(
          "Cannot create " + subject + ": '" + operator.symbol() + "' needs at least one value");
    }
    if (!operator.multiValued() && values.size() != 1) {
      throw new AccessPolicyException(
          "Cannot create "
              + subject
              + ": '"
              + operator.symbol()
              + "' needs exactly one value, got "
              + values.size());
    }
    for (Object value : values) {
      if (!SqlStatement.PARAMETER_TYPES.contains(value.getClass())) {
        throw new AccessPolicyException(
            "Cannot create "
                + subject
                + ": unsupported value type "
                + value.getClass().getSimpleName());
      }
    }
  }

  /** A filter comparing the column with one value. */
  public static RowFilter of(String column, FilterOperator operator, Object value) {
    return new RowFilter(column, operator, List.of(value));
  }
}
