package io.strata.local.query;

import io.strata.core.query.JdbcParameters;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryEngineException;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.ResultPage;
import io.strata.core.query.SqlStatement;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local lake's stand-in for Athena: one in-memory DuckDB database in UTC, each query on its own
 * connection on a small thread pool, cancelled when it runs longer than the timeout, finished
 * results kept in memory (each caller within its own share) and paged from there. Whoever needs to
 * act when a query ends (the local lake finishes exports) listens with {@code onDone}, as Athena's
 * state-change events let the AWS functions do.
 */
public final class DuckDbQueryEngine implements QueryEngine, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DuckDbQueryEngine.class);
  private static final long SHUTDOWN_WAIT_SECONDS = 30;
  private static final long CANCEL_REPEAT_MILLIS = 100;

  private final DuckDbEngineSettings settings;
  private final Clock clock;
  private final DuckDBConnection database;
  private final ExecutorService executor;
  private final KeptQueries queries;
  private final QueryTimeouts timeouts;
  private final Function<SqlStatement, String> ownerOf;
  private final Consumer<QueryStatus> onDone;
  private final Set<Statement> executing = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** An engine whose queries all belong to one caller. */
  public DuckDbQueryEngine(DuckDbEngineSettings settings, Clock clock) {
    this(settings, clock, statement -> "");
  }

  /**
   * @param ownerOf who a statement runs for: each owner keeps its results within its own share of
   *     memory ({@link DuckDbEngineSettings#maxRowsPerCaller()})
   */
  public DuckDbQueryEngine(
      DuckDbEngineSettings settings, Clock clock, Function<SqlStatement, String> ownerOf) {
    this(settings, clock, ownerOf, status -> {});
  }

  /**
   * @param ownerOf who a statement runs for: each owner keeps its results within its own share of
   *     memory ({@link DuckDbEngineSettings#maxRowsPerCaller()})
   * @param onDone told the final status of every query that ran to its end (succeeded or failed),
   *     on the query's thread once the status is final; what it throws is logged, never the query's
   *     outcome
   */
  public DuckDbQueryEngine(
      DuckDbEngineSettings settings,
      Clock clock,
      Function<SqlStatement, String> ownerOf,
      Consumer<QueryStatus> onDone) {
    this.onDone = Objects.requireNonNull(onDone, "onDone");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ownerOf = Objects.requireNonNull(ownerOf, "ownerOf");
    this.database = openDatabase(settings.duckDbThreads());
    this.executor = Executors.newFixedThreadPool(settings.queryThreads(), new QueryThreads());
    this.queries =
        new KeptQueries(
            settings.maxQueriesKept(), settings.maxRowsKept(), settings.maxRowsPerCaller());
    this.timeouts = new QueryTimeouts(settings.timeout());
  }

  @Override
  public String start(SqlStatement statement, String requestToken, boolean reuseResults) {
    Objects.requireNonNull(statement, "statement");
    if (closed) {
      throw new QueryEngineException(
          QueryEngineException.Reason.UNAVAILABLE, "Cannot start query: the engine is closed");
    }
    KeptQueries.Registration registration =
        queries.register(
            statement,
            requestToken,
            () ->
                new QueryRun(
                    UUID.randomUUID().toString(),
                    statement,
                    requestToken,
                    ownerOf.apply(statement),
                    clock.instant()));
    QueryRun run = registration.run();
    if (registration.created()) {
      try {
        executor.execute(() -> execute(run));
      } catch (RejectedExecutionException e) {
        queries.forget(run.id());
        throw new QueryEngineException(
            QueryEngineException.Reason.UNAVAILABLE, "Cannot start query: the engine is closed", e);
      }
      LOG.info("Started query {} with {} parameters", run.id(), statement.parameters().size());
    }
    return run.id();
  }

  @Override
  public QueryStatus status(String queryId) {
    return find(queryId, "read status of").status();
  }

  @Override
  public ResultPage results(String queryId, String pageToken, int pageSize) {
    QueryEngine.checkPageSize(queryId, pageSize);
    QueryRun run = find(queryId, "read results of");
    QueryStatus status = run.status();
    if (status.state() != QueryState.SUCCEEDED) {
      throw new QueryEngineException(
          QueryEngineException.Reason.CONFLICT,
          "Cannot read results of query " + queryId + ": it is " + status.state());
    }
    KeptResult result =
        run.result()
            .orElseThrow(
                () ->
                    new QueryEngineException(
                        QueryEngineException.Reason.NOT_FOUND,
                        "Cannot read results of query "
                            + queryId
                            + ": they were dropped to keep memory bounded; run it again"));
    List<List<Object>> rows = result.rows();
    int from = pageToken == null ? 0 : PageTokens.decode(queryId, pageToken, rows.size());
    int to = Math.min(rows.size(), from + pageSize);
    String nextToken = to < rows.size() ? PageTokens.encode(queryId, to) : null;
    return new ResultPage(result.columns(), rows.subList(from, to), nextToken);
  }

  /** Cancels running and queued queries, then closes the database. */
  @Override
  public void close() {
    closed = true;
    executor.shutdown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_WAIT_SECONDS);
    try {
      // A cancel that reaches DuckDB just before a statement starts is lost: repeat it.
      do {
        cancelExecuting();
      } while (!executor.awaitTermination(CANCEL_REPEAT_MILLIS, TimeUnit.MILLISECONDS)
          && System.nanoTime() < deadline);
      if (!executor.isTerminated()) {
        LOG.warn("Queries still running {} s after the engine closed", SHUTDOWN_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (QueryRun run : queries.unfinished()) {
      run.ended(
          QueryState.CANCELLED, "Cannot finish query: the engine was closed", clock.instant());
    }
    timeouts.close();
    try {
      database.close();
    } catch (SQLException e) {
      LOG.warn("Cannot close the DuckDB database: {}", firstLine(e.getMessage()));
    }
  }

  private void cancelExecuting() {
    for (Statement statement : executing) {
      try {
        statement.cancel();
      } catch (SQLException e) {
        LOG.warn("Cannot cancel a running query: {}", errorClass(e.getMessage()));
      }
    }
  }

  private QueryRun find(String queryId, String action) {
    return queries
        .find(queryId)
        .orElseThrow(
            () ->
                new QueryEngineException(
                    QueryEngineException.Reason.NOT_FOUND,
                    "Cannot " + action + " query " + queryId + ": no such query"));
  }

  private void execute(QueryRun run) {
    if (closed || !run.running()) {
      return;
    }
    try (DuckDBConnection connection = database.duplicate();
        PreparedStatement statement = connection.prepareStatement(run.statement().sql())) {
      JdbcParameters.bind(statement, run.statement().parameters());
      executing.add(statement);
      ScheduledFuture<?> watch = timeouts.watch(run, statement);
      try {
        if (closed) {
          fail(run, "closed before it ran", "closed before it ran");
        } else if (statement.execute()) {
          KeptResult result =
              ResultReader.read(statement.getResultSet(), settings.maxRowsPerCaller());
          succeed(run, result, result.rows().size());
        } else {
          succeed(run, KeptResult.EMPTY, Math.max(0, statement.getUpdateCount()));
        }
      } finally {
        watch.cancel(false);
        executing.remove(statement);
      }
    } catch (SQLException e) {
      fail(run, firstLine(e.getMessage()), errorClass(e.getMessage()));
    } catch (QueryEngineException e) {
      fail(run, e.getMessage(), "result over the row cap");
    } catch (IllegalArgumentException e) {
      fail(run, e.getMessage(), "parameters do not match");
    } catch (RuntimeException e) {
      fail(run, "Cannot run query: " + e, e.getClass().getSimpleName());
    }
    if (run.done()) {
      tellDone(run.status());
    }
  }

  private void tellDone(QueryStatus status) {
    try {
      onDone.accept(status);
    } catch (RuntimeException e) {
      // The message may name the statement's folders and values: only its class is logged.
      LOG.warn(
          "Query {} {}, but its completion listener failed: {}",
          status.queryId(),
          status.state(),
          e.getClass().getSimpleName());
    }
  }

  private void succeed(QueryRun run, KeptResult result, long outputRows) {
    queries.succeeded(run, result, outputRows, clock.instant());
    LOG.info("Query {} succeeded with {} rows", run.id(), outputRows);
  }

  private void fail(QueryRun run, String reason, String logged) {
    QueryState end = closed ? QueryState.CANCELLED : QueryState.FAILED;
    String why = closed ? "Cannot finish query: the engine was closed" : reason;
    if (!closed && run.timedOut()) {
      why =
          "Cannot finish query: it ran longer than the "
              + timeouts.timeout().toSeconds()
              + " s the local lake allows a query; narrow it or export it";
      logged = "timed out";
    }
    run.ended(end, why, clock.instant());
    // DuckDB's messages may quote values; only their class goes to the log.
    LOG.info("Query {} {}: {}", run.id(), end, logged);
  }

  private static DuckDBConnection openDatabase(int threads) {
    try {
      // Not through DriverManager: it hides drivers registered by another class loader, which
      // happens once a Quarkus application has started and stopped in the same JVM.
      DuckDBConnection connection =
          (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET TimeZone = 'UTC'");
        statement.execute("SET threads = " + threads);
      }
      return connection;
    } catch (SQLException e) {
      throw new QueryEngineException(
          QueryEngineException.Reason.UNAVAILABLE,
          "Cannot open the DuckDB database: " + firstLine(e.getMessage()),
          e);
    }
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "DuckDB gave no reason";
    }
    return message.strip().lines().findFirst().orElseThrow();
  }

  private static String errorClass(String message) {
    String first = firstLine(message);
    int colon = first.indexOf(':');
    return colon > 0 ? first.substring(0, colon) : "DuckDB error";
  }

  /** Daemon threads named after the engine, so a forgotten close never keeps the JVM up. */
  private static final class QueryThreads implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "duckdb-query-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
