package io.strata.core.query;

import io.strata.core.access.FilterOperator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The comparisons a planned filter may make. Every one but {@link #NOT_IN} is offered to API
 * callers; {@code not in} comes only from row filters of {@code access.yaml}.
 */
public enum Operator {
  EQUAL("=", Arity.ONE),
  NOT_EQUAL("!=", Arity.ONE),
  LESS("<", Arity.ONE),
  LESS_OR_EQUAL("<=", Arity.ONE),
  GREATER(">", Arity.ONE),
  GREATER_OR_EQUAL(">=", Arity.ONE),
  IN("in", Arity.LIST),
  BETWEEN("between", Arity.TWO),
  IS_NULL("is null", Arity.NONE),
  IS_NOT_NULL("is not null", Arity.NONE),
  STARTS_WITH("starts with", Arity.ONE),
  NOT_IN("not in", Arity.LIST);

  /** How many values an operator takes. */
  public enum Arity {
    NONE,
    ONE,
    TWO,
    LIST
  }

  private final String symbol;
  private final Arity arity;

  Operator(String symbol, Arity arity) {
    this.symbol = symbol;
    this.arity = arity;
  }

  public String symbol() {
    return symbol;
  }

  public Arity arity() {
    return arity;
  }

  /** Whether the operator compares by order, which booleans do not have. */
  public boolean ordering() {
    return this == LESS
        || this == LESS_OR_EQUAL
        || this == GREATER
        || this == GREATER_OR_EQUAL
        || this == BETWEEN;
  }

  /** The API operator written so (case-insensitive), if there is one. */
  public static Optional<Operator> fromApiSymbol(String symbol) {
    String wanted = symbol.toLowerCase(Locale.ROOT);
    return apiOperators().stream().filter(o -> o.symbol.equals(wanted)).findFirst();
  }

  /** The operators API callers may use, in declaration order. */
  public static List<Operator> apiOperators() {
    return Arrays.stream(values()).filter(o -> o != NOT_IN).toList();
  }

  /** The operator of a row filter of {@code access.yaml}. */
  public static Operator of(FilterOperator operator) {
    return switch (operator) {
      case EQUAL -> EQUAL;
      case NOT_EQUAL -> NOT_EQUAL;
      case LESS -> LESS;
      case LESS_OR_EQUAL -> LESS_OR_EQUAL;
      case GREATER -> GREATER;
      case GREATER_OR_EQUAL -> GREATER_OR_EQUAL;
      case IN -> IN;
      case NOT_IN -> NOT_IN;
    };
  }
}
