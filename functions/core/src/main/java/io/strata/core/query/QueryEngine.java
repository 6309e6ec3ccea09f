package io.strata.core.query;

/**
 * The port that runs compiled SQL: Athena in AWS, DuckDB in the local lake. Engines run
 * asynchronously: {@link #start} returns at once with an id, {@link #status} reports progress, and
 * {@link #results} pages through a finished query's rows.
 *
 * <p>Errors are {@link QueryEngineException}s whose {@link QueryEngineException.Reason} says how
 * the API answers (unknown id, throttled, unavailable, failed).
 */
public interface QueryEngine {

  /**
   * Starts the statement and returns its query id.
   *
   * @param requestToken makes a retried start idempotent (Athena's client request token), or null
   * @param reuseResults whether the engine may answer from an identical earlier statement's results
   *     (Athena's result reuse); only for statements whose answer cannot change, such as a query
   *     pinned to an {@code asOf} instant, never for exports
   */
  String start(SqlStatement statement, String requestToken, boolean reuseResults);

  /** Starts the statement without result reuse. */
  default String start(SqlStatement statement, String requestToken) {
    return start(statement, requestToken, false);
  }

  /** The query's current state, statistics and statement text. */
  QueryStatus status(String queryId);

  /**
   * One page of a succeeded query's rows, typed by its columns.
   *
   * @param pageToken the {@link ResultPage#nextToken()} of the previous page, or null for the first
   * @param pageSize rows per page, at least 1 and at most {@link #MAX_PAGE_SIZE}
   */
  ResultPage results(String queryId, String pageToken, int pageSize);

  /** Athena's cap on rows per GetQueryResults call; DuckDB uses the same. */
  int MAX_PAGE_SIZE = 1000;

  /**
   * Refuses a page size outside 1 to {@link #MAX_PAGE_SIZE}; every engine checks it the same way.
   */
  static void checkPageSize(String queryId, int pageSize) {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "Cannot read results of query "
              + queryId
              + ": page size must be 1 to "
              + MAX_PAGE_SIZE
              + ", not "
              + pageSize);
    }
  }
}
