package io.strata.core.query;

/**
 * How much one request may ask for. Rows: {@code defaultLimit} when a query names no limit, never
 * more than {@code maxLimit}. Size of the request itself, so that no request costs more to plan,
 * compile, audit and run than a reasonable one: at most {@code maxFilters} filters, {@code
 * maxInValues} values in one {@code in} list, {@code maxColumns} selected columns, {@code
 * maxOrderBy} sort keys and {@code maxReportParameters} report parameters.
 */
public record QueryLimits(
    int defaultLimit,
    int maxLimit,
    int maxFilters,
    int maxInValues,
    int maxColumns,
    int maxOrderBy,
    int maxReportParameters) {

  /** Filters of one query, unless configured otherwise. */
  public static final int DEFAULT_MAX_FILTERS = 50;

  /** Values of one {@code in} list, unless configured otherwise. */
  public static final int DEFAULT_MAX_IN_VALUES = 1000;

  /** Selected columns of one query, unless configured otherwise. */
  public static final int DEFAULT_MAX_COLUMNS = 200;

  /** Sort keys of one query, unless configured otherwise. */
  public static final int DEFAULT_MAX_ORDER_BY = 8;

  /** Parameters of one report run, unless configured otherwise. */
  public static final int DEFAULT_MAX_REPORT_PARAMETERS = 32;

  public QueryLimits {
    if (defaultLimit < 1 || maxLimit < defaultLimit) {
      throw new IllegalArgumentException(
          "Cannot create query limits: need 1 <= defaultLimit <= maxLimit, got "
              + defaultLimit
              + " and "
              + maxLimit);
    }
    requirePositive("maxFilters", maxFilters);
    requirePositive("maxInValues", maxInValues);
    requirePositive("maxColumns", maxColumns);
    requirePositive("maxOrderBy", maxOrderBy);
    requirePositive("maxReportParameters", maxReportParameters);
  }

  /** Row limits with the default bounds on the request's size. */
  public QueryLimits(int defaultLimit, int maxLimit) {
    this(
        defaultLimit,
        maxLimit,
        DEFAULT_MAX_FILTERS,
        DEFAULT_MAX_IN_VALUES,
        DEFAULT_MAX_COLUMNS,
        DEFAULT_MAX_ORDER_BY,
        DEFAULT_MAX_REPORT_PARAMETERS);
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "Cannot create query limits: " + name + " must be at least 1, got " + value);
    }
  }
}
