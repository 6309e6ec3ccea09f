package io.strata.core.materialize;

import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryEngineException;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.ResultColumn;
import io.strata.core.query.ResultPage;
import io.strata.core.query.SqlStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one statement on the engine to its end and reads every row: the engine-agnostic way a
 * refresh computes a report's result (DuckDB locally, Athena in AWS). Waits between status checks
 * grow from 50 ms to 1 s.
 */
final class EngineRun {

  private static final Duration FIRST_WAIT = Duration.ofMillis(50);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(1);

  /** A finished query's rows. */
  record Rows(String queryId, List<ResultColumn> columns, List<List<Object>> rows) {}

  private EngineRun() {}

  /**
   * @throws QueryEngineException when the query fails, is cancelled or outlasts {@code timeout}
   */
  static Rows run(QueryEngine engine, SqlStatement statement, Duration timeout) {
    String queryId = engine.start(statement, null, false);
    Instant deadline = Instant.now().plus(timeout);
    Duration wait = FIRST_WAIT;
    QueryStatus status = engine.status(queryId);
    while (!status.state().done()) {
      if (Instant.now().isAfter(deadline)) {
        throw new QueryEngineException(
            QueryEngineException.Reason.FAILED,
            "Cannot refresh a materialized report: query " + queryId + " ran over " + timeout);
      }
      sleep(wait);
      wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
      status = engine.status(queryId);
    }
    if (status.state() != QueryState.SUCCEEDED) {
      throw new QueryEngineException(
          QueryEngineException.Reason.FAILED,
          "Cannot refresh a materialized report: query "
              + queryId
              + " "
              + status.state().name().toLowerCase(java.util.Locale.ROOT));
    }
    List<List<Object>> rows = new ArrayList<>();
    List<ResultColumn> columns = null;
    String token = null;
    do {
      ResultPage page = engine.results(queryId, token, QueryEngine.MAX_PAGE_SIZE);
      columns = page.columns();
      rows.addAll(page.rows());
      token = page.nextToken();
    } while (token != null);
    return new Rows(queryId, columns, rows);
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueryEngineException(
          QueryEngineException.Reason.FAILED, "Cannot refresh a materialized report: interrupted");
    }
  }
}
