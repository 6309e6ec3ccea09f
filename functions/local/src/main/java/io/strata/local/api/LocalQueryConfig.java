package io.strata.local.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * How the local lake's DuckDB engine may use the machine ({@code strata.local.query.*}); see the
 * README's Configuration table.
 */
@ConfigMapping(prefix = "strata.local.query")
public interface LocalQueryConfig {

  /** Queries running at once; later ones wait as QUEUED. */
  @WithDefault("2")
  int threads();

  /** Threads DuckDB itself may use. */
  @WithName("duckdb-threads")
  @WithDefault("2")
  int duckDbThreads();

  /** Result rows kept in memory over all callers. */
  @WithName("max-rows-kept")
  @WithDefault("300000")
  int maxRowsKept();

  /**
   * Result rows kept for one caller (IAM principal); beyond it only that caller's own older results
   * are dropped. Also the largest result one query may have.
   */
  @WithName("max-rows-per-caller")
  @WithDefault("100000")
  int maxRowsPerCaller();

  /** Queries remembered, finished or not. */
  @WithName("max-queries-kept")
  @WithDefault("200")
  int maxQueriesKept();

  /** How long a query may run before DuckDB is told to stop it; it then fails. */
  @WithDefault("2m")
  Duration timeout();
}
