package io.strata.core.query;

import io.strata.core.contract.ColumnType;
import java.util.ArrayList;
import java.util.List;

/** Validates one {@link FilterRequest}: column, operator, and values typed as the column. */
final class FilterPlanner {

  private FilterPlanner() {}

  /**
   * @param maxInValues the most values an {@code in} filter may list
   */
  static PlannedFilter plan(
      FilterRequest filter, String field, ColumnResolver resolver, int maxInValues) {
    if (filter == null) {
      throw new QueryRejectedException(Problem.BAD_REQUEST, field + ": must be an object");
    }
    QueryColumn column = resolver.resolveUnmasked(filter.column(), field + ".column", "filter");
    Operator operator = operator(filter.op(), field + ".op");
    ColumnType type = column.type();
    if (operator.ordering() && type.kind() == ColumnType.Kind.BOOLEAN) {
      throw new QueryRejectedException(
          Problem.BAD_OPERATOR,
          field
              + ".op: '"
              + operator.symbol()
              + "' does not apply to boolean column "
              + column.name());
    }
    if (operator == Operator.STARTS_WITH && type.kind() != ColumnType.Kind.STRING) {
      throw new QueryRejectedException(
          Problem.BAD_OPERATOR,
          field
              + ".op: 'starts with' applies to string columns only; "
              + column.name()
              + " is "
              + type);
    }
    String subject = "column " + column.name();
    List<Object> values = new ArrayList<>();
    switch (operator.arity()) {
      case NONE -> {
        if (filter.value() != null || filter.values() != null) {
          throw new QueryRejectedException(
              Problem.BAD_REQUEST,
              field
                  + ": '"
                  + operator.symbol()
                  + "' takes no value; remove "
                  + (filter.value() != null ? "value" : "values"));
        }
      }
      case ONE -> {
        if (filter.values() != null) {
          throw new QueryRejectedException(
              Problem.BAD_REQUEST,
              field + ".values: '" + operator.symbol() + "' takes one value: use value");
        }
        if (filter.value() == null) {
          throw new QueryRejectedException(
              Problem.BAD_REQUEST,
              field
                  + ".value: '"
                  + operator.symbol()
                  + "' needs a value (use 'is null' to match missing values)");
        }
        values.add(TypedValues.typed(filter.value(), type, field + ".value", subject));
      }
      case TWO, LIST -> {
        if (filter.value() != null) {
          throw new QueryRejectedException(
              Problem.BAD_REQUEST,
              field + ".value: '" + operator.symbol() + "' takes a list: use values");
        }
        List<Object> raw = filter.values();
        int min = operator.arity() == Operator.Arity.TWO ? 2 : 1;
        int max = operator.arity() == Operator.Arity.TWO ? 2 : maxInValues;
        int size = raw == null ? 0 : raw.size();
        if (operator.arity() == Operator.Arity.LIST && size > max) {
          throw new QueryRejectedException(
              Problem.TOO_MANY_VALUES,
              field
                  + ".values: '"
                  + operator.symbol()
                  + "' takes at most "
                  + max
                  + " values, got "
                  + size
                  + "; split the list over several queries");
        }
        if (size < min || size > max) {
          throw new QueryRejectedException(
              Problem.BAD_REQUEST,
              field
                  + ".values: '"
                  + operator.symbol()
                  + "' needs "
                  + (min == max ? "exactly " + min : min + " to " + max)
                  + " values, got "
                  + size);
        }
        for (int i = 0; i < raw.size(); i++) {
          values.add(TypedValues.typed(raw.get(i), type, field + ".values[" + i + "]", subject));
        }
      }
    }
    return new PlannedFilter(column.name(), type, operator, values);
  }

  private static Operator operator(String symbol, String field) {
    if (symbol == null) {
      throw new QueryRejectedException(Problem.BAD_REQUEST, field + ": an operator is required");
    }
    return Operator.fromApiSymbol(symbol)
        .orElseThrow(
            () ->
                new QueryRejectedException(
                    Problem.BAD_OPERATOR,
                    field
                        + ": unknown operator "
                        + TypedValues.shown(symbol)
                        + " (expected one of "
                        + String.join(
                            ", ",
                            Operator.apiOperators().stream()
                                .map(o -> "'" + o.symbol() + "'")
                                .toList())
                        + ")"));
  }
}
