package io.strata.api.query;

import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryStatus;
import java.time.Duration;

/**
 * Polls a query until it is done or the wait is over, backing off from 50 ms to 1 s between polls
 * so short queries answer fast and long ones cost few status calls.
 */
public final class QueryWaiter {

  private static final long FIRST_PAUSE_MILLIS = 50;
  private static final long MAX_PAUSE_MILLIS = 1000;

  private QueryWaiter() {}

  /** The query's status when it finished, or its last status when {@code wait} ran out. */
  public static QueryStatus await(QueryEngine engine, String queryId, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    long pause = FIRST_PAUSE_MILLIS;
    QueryStatus status = engine.status(queryId);
    while (!status.state().done()) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return status;
      }
      try {
        Thread.sleep(Math.min(pause, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return status;
      }
      pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
      status = engine.status(queryId);
    }
    return status;
  }
}
