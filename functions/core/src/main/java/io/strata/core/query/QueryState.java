package io.strata.core.query;

/** Where a query is in its life; the names are Athena's. */
public enum QueryState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** Whether the query will not change state any more. */
  public boolean done() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
