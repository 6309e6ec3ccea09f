package io.strata.local.query;

import io.strata.core.query.QueryEngineException;
import io.strata.core.query.SqlStatement;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The queries the DuckDB engine remembers, least recently used first, with memory bounded three
 * ways: beyond {@code maxQueries} the least recently used query is forgotten (finished ones before
 * running ones); beyond {@code maxRowsPerCaller} kept rows of one caller, that caller's own least
 * recently used results are dropped; beyond {@code maxRows} kept rows in all, the caller holding
 * the most rows loses its least recently used result. A caller's large result therefore never
 * pushes out the pages another caller is reading while memory allows both. A dropped result's
 * status stays.
 */
final class KeptQueries {

  /** The query a start call refers to, and whether that call created it. */
  record Registration(QueryRun run, boolean created) {}

  private final int maxQueries;
  private final int maxRows;
  private final int maxRowsPerCaller;
  private final LinkedHashMap<String, QueryRun> runs = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, String> idsByToken = new HashMap<>();
  private final Map<String, Long> rowsByOwner = new HashMap<>();
  private long rowsKept;

  KeptQueries(int maxQueries, int maxRows, int maxRowsPerCaller) {
    this.maxQueries = maxQueries;
    this.maxRows = maxRows;
    this.maxRowsPerCaller = maxRowsPerCaller;
  }

  /**
   * The query started earlier with the same request token, or a new one from {@code newRun}.
   *
   * @throws QueryEngineException TOKEN_REUSED when the token was used for another statement
   */
  synchronized Registration register(
      SqlStatement statement, String requestToken, Supplier<QueryRun> newRun) {
    if (requestToken != null && idsByToken.containsKey(requestToken)) {
      QueryRun earlier = runs.get(idsByToken.get(requestToken));
      if (!earlier.statement().equals(statement)) {
        throw new QueryEngineException(
            QueryEngineException.Reason.TOKEN_REUSED,
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
    drop(run);
    if (run.requestToken() != null) {
      idsByToken.remove(run.requestToken(), queryId);
    }
  }

  /** Keeps the result of a query that succeeded, dropping others to stay within bounds. */
  synchronized void succeeded(QueryRun run, KeptResult result, long outputRows, Instant at) {
    run.succeeded(result, outputRows, at);
    if (!runs.containsKey(run.id())) {
      run.dropResult();
      return;
    }
    rowsKept += run.keptRows();
    rowsByOwner.merge(run.owner(), (long) run.keptRows(), Long::sum);
    while (rowsOf(run.owner()) > maxRowsPerCaller) {
      if (!dropOldest(run.owner(), run)) {
        break;
      }
    }
    while (rowsKept > maxRows) {
      String largest = largestOwnerBesides(run);
      if (largest == null || !dropOldest(largest, run)) {
        break;
      }
    }
  }

  /** Rows kept for one caller's results. */
  synchronized long rowsOf(String owner) {
    return rowsByOwner.getOrDefault(owner, 0L);
  }

  /** Every query not done yet, for cancelling them on shutdown. */
  synchronized List<QueryRun> unfinished() {
    return runs.values().stream().filter(run -> !run.done()).toList();
  }

  /** Drops the owner's least recently used result other than {@code keep}; false if none. */
  private boolean dropOldest(String owner, QueryRun keep) {
    for (QueryRun older : runs.values()) {
      if (older != keep && older.keptRows() > 0 && older.owner().equals(owner)) {
        drop(older);
        return true;
      }
    }
    return false;
  }

  /** The caller holding the most kept rows in results other than {@code keep}. */
  private String largestOwnerBesides(QueryRun keep) {
    Map<String, Long> droppable = new HashMap<>();
    for (QueryRun other : runs.values()) {
      if (other != keep && other.keptRows() > 0) {
        droppable.merge(other.owner(), (long) other.keptRows(), Long::sum);
      }
    }
    return droppable.keySet().stream()
        .max((a, b) -> Long.compare(rowsOf(a), rowsOf(b)))
        .orElse(null);
  }

  private void drop(QueryRun run) {
    int rows = run.keptRows();
    if (rows > 0) {
      rowsKept -= rows;
      rowsByOwner.merge(run.owner(), (long) -rows, Long::sum);
      rowsByOwner.remove(run.owner(), 0L);
    }
    run.dropResult();
  }

  private String leastRecentlyUsed() {
    return runs.values().stream()
        .filter(QueryRun::done)
        .findFirst()
        .orElseGet(() -> runs.values().iterator().next())
        .id();
  }
}
