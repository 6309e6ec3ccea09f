package io.strata.local.query;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels DuckDB statements that run longer than the engine allows. DuckDB stops a statement on
 * {@link Statement#cancel()}; a cancel that arrives between two of its phases can be lost, so it is
 * repeated until the query has ended.
 */
final class QueryTimeouts implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueryTimeouts.class);
  private static final long REPEAT_MILLIS = 100;
  private static final int MAX_REPEATS = 600;

  private final Duration timeout;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "duckdb-query-timeout");
            thread.setDaemon(true);
            return thread;
          });

  QueryTimeouts(Duration timeout) {
    this.timeout = timeout;
  }

  Duration timeout() {
    return timeout;
  }

  /** Watches a statement that starts running now; cancel the returned future when it ends. */
  ScheduledFuture<?> watch(QueryRun run, Statement statement) {
    return timer.schedule(
        () -> expire(run, statement, 0), timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void expire(QueryRun run, Statement statement, int repeats) {
    if (!run.timeOut()) {
      return;
    }
    if (repeats == 0) {
      LOG.info("Query {} ran longer than {}: cancelling it", run.id(), timeout);
    }
    try {
      statement.cancel();
    } catch (SQLException e) {
      LOG.debug("Cannot cancel query {}: {}", run.id(), e.getMessage());
    }
    if (repeats < MAX_REPEATS) {
      timer.schedule(
          () -> expire(run, statement, repeats + 1), REPEAT_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
