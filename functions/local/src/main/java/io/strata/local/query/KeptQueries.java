package io.strata.local.query;

import io.strata.core.query.QueryEngineException;
import io.strata.core.query.SqlStatement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The queries the DuckDB engine remembers, least recently used first, with memory bounded twice:
 * beyond {@code maxQueries} the least recently used query is forgotten (finished ones before
 * running ones), beyond {@code maxRows} kept rows the least recently used results are dropped while
 * their status stays.
 */
final class KeptQueries {

  /** The query a start call refers to, and whether that call created it. */
  record Registration(QueryRun run, boolean created) {}

  private final int maxQueries;
  private final int maxRows;
  private final LinkedHashMap<String, QueryRun> runs = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, String> idsByToken = new HashMap<>();
  private long rowsKept;

  KeptQueries(int maxQueries, int maxRows) {
    this.maxQueries = maxQueries;
    this.maxRows = maxRows;
  }

  /**
   * The query started earlier with the same request token, or a new one from {@code newRun}.
   *
   * @throws QueryEngineException CONFLICT when the token was used for another statement
   */
  synchronized Registration register(
      SqlStatement statement, String requestToken, Supplier<QueryRun> newRun) {
    if (requestToken != null && idsByToken.containsKey(requestToken)) {
      QueryRun earlier = runs.get(idsByToken.get(requestToken));
      if (!earlier.statement().equals(statement)) {
        throw new QueryEngineException(
            QueryEngineException.Reason.CONFLICT,
            "Cannot start query: request token "
                + requestToken
                + " was used for another statement by query "
                + earlier.id());
      }
      return new Registration(earlier, false);
    }
    QueryRun run = newRun.get();
    runs.put(run.id(), run);
    if (requestToken != null) {
      idsByToken.put(requestToken, run.id());
    }
    while (runs.size() > maxQueries) {
      forget(leastRecentlyUsed());
    }
    return new Registration(run, true);
  }

  /** The query, counted as a use for eviction. */
  synchronized Optional<QueryRun> find(String queryId) {
    return Optional.ofNullable(runs.get(queryId));
  }

  synchronized void forget(String queryId) {
    QueryRun run = runs.remove(queryId);
    if (run == null) {
      return;
    }
    rowsKept -= run.keptRows();
    run.dropResult();
    if (run.requestToken() != null) {
      idsByToken.remove(run.requestToken(), queryId);
    }
  }

  /** Keeps the result of a query that succeeded, dropping older results to stay within bounds. */
  synchronized void succeeded(QueryRun run, KeptResult result, long outputRows, Instant at) {
    run.succeeded(result, outputRows, at);
    if (!runs.containsKey(run.id())) {
      run.dropResult();
      return;
    }
    rowsKept += run.keptRows();
    Iterator<QueryRun> oldestFirst = runs.values().iterator();
    while (rowsKept > maxRows && oldestFirst.hasNext()) {
      QueryRun older = oldestFirst.next();
      if (older != run) {
        rowsKept -= older.keptRows();
        older.dropResult();
      }
    }
  }

  /** Every query not done yet, for cancelling them on shutdown. */
  synchronized List<QueryRun> unfinished() {
    return runs.values().stream().filter(run -> !run.done()).toList();
  }

  private String leastRecentlyUsed() {
    return runs.values().stream()
        .filter(QueryRun::done)
        .findFirst()
        .orElseGet(() -> runs.values().iterator().next())
        .id();
  }
}
