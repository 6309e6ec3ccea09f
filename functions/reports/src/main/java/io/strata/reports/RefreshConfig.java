package io.strata.reports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * Configuration of the report refresh. Every key can be set as an environment variable ({@code
 * strata.access.location} → {@code STRATA_ACCESS_LOCATION}). The rule locations and the row cap are
 * the query API's keys with the API's defaults: a materialized table is served only when the report
 * compiles to the very same statement in both functions, so the CDK app gives both the same values.
 */
@ConfigMapping(prefix = "strata")
public interface RefreshConfig {

  /** The history bucket, whose batch manifests start a refresh. */
  @WithName("history-bucket")
  String historyBucket();

  /** Where the access policy lives. */
  Access access();

  /** Where the named reports live. */
  Reports reports();

  /** The row cap a report compiles with. */
  Query query();

  /** How long one report may run. */
  Refresh refresh();

  /** {@code access.yaml}: a file path, or {@code s3://bucket/key}. */
  interface Access {
    @WithDefault("datasets/access.yaml")
    String location();
  }

  /** A directory of {@code <name>.sql} files, or {@code s3://bucket/prefix/}. */
  interface Reports {
    @WithDefault("datasets/reports")
    String location();
  }

  interface Query {

    /** The most rows a report returns: the query API's {@code strata.query.max-limit}. */
    @WithName("max-limit")
    @WithDefault("100000")
    int maxLimit();
  }

  interface Refresh {

    /**
     * How long one report's query may run on Athena before its refresh fails; the function's own
     * timeout (15 minutes) bounds the whole pass.
     */
    @WithName("query-timeout")
    @WithDefault("5m")
    Duration queryTimeout();
  }
}
