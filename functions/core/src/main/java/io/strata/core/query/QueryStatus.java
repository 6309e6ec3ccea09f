package io.strata.core.query;

import java.time.Instant;
import java.util.Objects;

/**
 * What an engine knows about one query.
 *
 * @param sql the statement text as submitted (the API reads its own label back from it)
 * @param failureReason why the query failed or was cancelled, or null
 * @param bytesScanned data scanned so far (what Athena bills), 0 when unknown
 * @param outputRows rows the query produced or unloaded, or null when the engine does not know yet
 * @param completedAt null until the query is done
 */
public record QueryStatus(
    String queryId,
    QueryState state,
    String sql,
    String failureReason,
    long bytesScanned,
    Long outputRows,
    Instant submittedAt,
    Instant completedAt) {

  public QueryStatus {
    Objects.requireNonNull(queryId, "queryId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(sql, "sql");
  }
}
