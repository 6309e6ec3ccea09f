package io.strata.local.query;

import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.SqlStatement;
import java.time.Instant;
import java.util.Optional;

/** One query the DuckDB engine was asked to run: its state as it moves along, and its result. */
final class QueryRun {

  private final String id;
  private final SqlStatement statement;
  private final String requestToken;
  private final String owner;
  private final Instant submittedAt;

  private QueryState state = QueryState.QUEUED;
  private String failureReason;
  private Long outputRows;
  private Instant completedAt;
  private KeptResult result;
  private boolean timedOut;

  /**
   * @param owner who the statement runs for; each owner has its own share of kept rows
   */
  QueryRun(
      String id, SqlStatement statement, String requestToken, String owner, Instant submittedAt) {
    this.id = id;
    this.statement = statement;
    this.requestToken = requestToken;
    this.owner = owner;
    this.submittedAt = submittedAt;
  }

  String id() {
    return id;
  }

  SqlStatement statement() {
    return statement;
  }

  /** The token it was started with, or null. */
  String requestToken() {
    return requestToken;
  }

  String owner() {
    return owner;
  }

  /** Marks a running query as cancelled for running too long; false once it is done. */
  synchronized boolean timeOut() {
    if (state.done()) {
      return false;
    }
    timedOut = true;
    return true;
  }

  synchronized boolean timedOut() {
    return timedOut;
  }

  /** Moves a queued query to RUNNING; false when it ended already (cancelled while queued). */
  synchronized boolean running() {
    if (state != QueryState.QUEUED) {
      return false;
    }
    state = QueryState.RUNNING;
    return true;
  }

  synchronized void succeeded(KeptResult result, long outputRows, Instant at) {
    if (!state.done()) {
      this.state = QueryState.SUCCEEDED;
      this.result = result;
      this.outputRows = outputRows;
      this.completedAt = at;
    }
  }

  /** Ends the query FAILED or CANCELLED, unless it ended already. */
  synchronized void ended(QueryState end, String reason, Instant at) {
    if (!state.done()) {
      this.state = end;
      this.failureReason = reason;
      this.completedAt = at;
    }
  }

  synchronized boolean done() {
    return state.done();
  }

  synchronized QueryStatus status() {
    return new QueryStatus(
        id, state, statement.sql(), failureReason, 0, outputRows, submittedAt, completedAt);
  }

  /** The rows, unless the query has not succeeded or its result was dropped. */
  synchronized Optional<KeptResult> result() {
    return Optional.ofNullable(result);
  }

  /** Rows held in memory for this query. */
  synchronized int keptRows() {
    return result == null ? 0 : result.rows().size();
  }

  /** Frees the rows; the status stays. */
  synchronized void dropResult() {
    result = null;
  }
}
