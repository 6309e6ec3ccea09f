package io.strata.core.access;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The fixed set of comparisons a row filter may use; values are always bound, never SQL text. */
public enum FilterOperator {
  EQUAL("="),
  NOT_EQUAL("!="),
  LESS("<"),
  LESS_OR_EQUAL("<="),
  GREATER(">"),
  GREATER_OR_EQUAL(">="),
  IN("in"),
  NOT_IN("not in");

  private final String symbol;

  FilterOperator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in {@code access.yaml}. */
  public String symbol() {
    return symbol;
  }

  /** Whether the operator takes a list of values ({@code in}, {@code not in}) instead of one. */
  public boolean multiValued() {
    return this == IN || this == NOT_IN;
  }

  /** Whether the operator compares by order, which booleans do not have. */
  public boolean ordering() {
    return this == LESS || this == LESS_OR_EQUAL || this == GREATER || this == GREATER_OR_EQUAL;
  }

  /** The operator written as {@code symbol}, if there is one. */
  public static Optional<FilterOperator> fromSymbol(String symbol) {
    return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
  }

  /** Every symbol, in declaration order, for error messages. */
  public static List<String> symbols() {
    return Arrays.stream(values()).map(FilterOperator::symbol).toList();
  }
}
