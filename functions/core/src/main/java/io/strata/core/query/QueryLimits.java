package io.strata.core.query;

/**
 * How many rows a query may ask for: {@code defaultLimit} when it names no limit, never more than
 * {@code maxLimit}.
 */
public record QueryLimits(int defaultLimit, int maxLimit) {

  public QueryLimits {
    if (defaultLimit < 1 || maxLimit < defaultLimit) {
      throw new IllegalArgumentException(
          "Cannot create query limits: need 1 <= defaultLimit <= maxLimit, got "
              + defaultLimit
              + " and "
              + maxLimit);
    }
  }
}
