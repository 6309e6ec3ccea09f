package io.strata.core.query;

import java.util.List;

/**
 * A structured query as the JSON body of {@code POST /datasets/{dataset}/query} gives it: raw and
 * unvalidated ({@link QueryPlanner} checks it). Values are what Jackson produced (String, Integer,
 * Long, BigInteger, BigDecimal, Double, Boolean or null); a null list means an empty one.
 *
 * @param columns the columns to return, in order; empty means every visible non-lineage column
 * @param limit rows at most; null means the configured default
 * @param view {@code current} (default) or {@code history}
 * @param asOf an ISO-8601 instant with offset, or a date meaning the start of that day in UTC
 */
public record QueryRequest(
    List<String> columns,
    List<FilterRequest> filters,
    List<SortRequest> orderBy,
    Integer limit,
    String view,
    String asOf) {}
