package io.strata.core.query;

import java.util.List;

/**
 * One filter of a {@link QueryRequest}, raw: {@code in} and {@code between} take {@code values},
 * {@code is null} and {@code is not null} take none, every other operator takes {@code value}.
 */
public record FilterRequest(String column, String op, Object value, List<Object> values) {}
