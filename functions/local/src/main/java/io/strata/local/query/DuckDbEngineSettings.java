package io.strata.local.query;

/**
 * How much the local lake's DuckDB engine may use: threads, and how many results it keeps in
 * memory.
 *
 * @param queryThreads queries running at once; later ones wait as QUEUED
 * @param duckDbThreads threads DuckDB itself may use for one database
 * @param maxRowsKept rows kept over all results; beyond it the least recently used results go
 * @param maxQueriesKept queries remembered; beyond it the least recently used query is forgotten
 */
public record DuckDbEngineSettings(
    int queryThreads, int duckDbThreads, int maxRowsKept, int maxQueriesKept) {

  public DuckDbEngineSettings {
    requireAtLeastOne("queryThreads", queryThreads);
    requireAtLeastOne("duckDbThreads", duckDbThreads);
    requireAtLeastOne("maxRowsKept", maxRowsKept);
    requireAtLeastOne("maxQueriesKept", maxQueriesKept);
  }

  /** Two query threads, two DuckDB threads, 100,000 rows and 200 queries kept. */
  public static DuckDbEngineSettings defaults() {
    return new DuckDbEngineSettings(2, 2, 100_000, 200);
  }

  private static void requireAtLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "Cannot configure DuckDB engine: " + name + " must be at least 1, was " + value);
    }
  }
}
