package io.strata.core.query;

/** One {@code orderBy} entry of a {@link QueryRequest}; direction {@code asc} (default) or desc. */
public record SortRequest(String column, String direction) {}
