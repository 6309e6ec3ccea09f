package io.strata.local.query;

import java.time.Duration;
import java.util.Objects;

/**
 * How much the local lake's DuckDB engine may use: threads, how many results it keeps in memory,
 * each caller's share of them, and how long one query may run.
 *
 * @param queryThreads queries running at once; later ones wait as QUEUED
 * @param duckDbThreads threads DuckDB itself may use for one database
 * @param maxRowsKept rows kept over all results; beyond it the caller holding the most rows loses
 *     its least recently used result
 * @param maxQueriesKept queries remembered; beyond it the least recently used query is forgotten
 * @param maxRowsPerCaller rows kept for one caller; beyond it that caller's own least recently used
 *     results go, never another caller's. Also the largest result one query may have.
 * @param timeout how long a query may run before it is cancelled and fails
 */
public record DuckDbEngineSettings(
    int queryThreads,
    int duckDbThreads,
    int maxRowsKept,
    int maxQueriesKept,
    int maxRowsPerCaller,
    Duration timeout) {

  public DuckDbEngineSettings {
    requireAtLeastOne("queryThreads", queryThreads);
    requireAtLeastOne("duckDbThreads", duckDbThreads);
    requireAtLeastOne("maxRowsKept", maxRowsKept);
    requireAtLeastOne("maxQueriesKept", maxQueriesKept);
    requireAtLeastOne("maxRowsPerCaller", maxRowsPerCaller);
    if (maxRowsPerCaller > maxRowsKept) {
      throw new IllegalArgumentException(
          "Cannot configure DuckDB engine: maxRowsPerCaller ("
              + maxRowsPerCaller
              + ") must not exceed maxRowsKept ("
              + maxRowsKept
              + ")");
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "Cannot configure DuckDB engine: timeout must be positive, was " + timeout);
    }
  }

  /** One caller may keep every row, queries run for at most the default timeout. */
  public DuckDbEngineSettings(
      int queryThreads, int duckDbThreads, int maxRowsKept, int maxQueriesKept) {
    this(queryThreads, duckDbThreads, maxRowsKept, maxQueriesKept, maxRowsKept, DEFAULT_TIMEOUT);
  }

  /** How long a query may run unless configured otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  /**
   * Two query threads, two DuckDB threads, 300,000 rows kept of which 100,000 per caller (one
   * result of the API's largest limit), 200 queries, two minutes per query.
   */
  public static DuckDbEngineSettings defaults() {
    return new DuckDbEngineSettings(2, 2, 300_000, 200, 100_000, DEFAULT_TIMEOUT);
  }

  private static void requireAtLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "Cannot configure DuckDB engine: " + name + " must be at least 1, was " + value);
    }
  }
}
