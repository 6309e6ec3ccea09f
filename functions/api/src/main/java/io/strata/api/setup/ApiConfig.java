package io.strata.api.setup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * Configuration of the query API, shared by the query Lambda and the local lake. Every key can be
 * set from the environment ({@code strata.access.location} is {@code STRATA_ACCESS_LOCATION}).
 */
@ConfigMapping(prefix = "strata")
public interface ApiConfig {

  /** The history bucket: Parquet history, batch manifests under {@code _batches/}. */
  @WithName("history-bucket")
  String historyBucket();

  /** The analytics bucket: query results and training exports under {@code exports/}. */
  @WithName("analytics-bucket")
  String analyticsBucket();

  /** Who may see what. */
  Access access();

  /** Named reports. */
  Reports reports();

  /** Limits and waiting. */
  Query query();

  /** Sizes of a request the API reads at all. */
  Http http();

  /**
   * How large a request may be. Beyond these the API answers 413, 414 or 431 in its error shape
   * before reading further. The HTTP server's own guards ({@code quarkus.http.limits.*}) sit above
   * them and answer with a bare status.
   */
  interface Http {

    /** The largest request body, in bytes (a query of 50 filters with 1000 values fits). */
    @WithName("max-body-bytes")
    @WithDefault("1048576")
    long maxBodyBytes();

    /** The longest request URI (path and query string), in characters. */
    @WithName("max-uri-length")
    @WithDefault("8192")
    int maxUriLength();

    /** The most bytes all request headers may take together (names, values, separators). */
    @WithName("max-header-bytes")
    @WithDefault("16384")
    int maxHeaderBytes();
  }

  /** Where the access policy lives and which IAM roles were generated for its roles. */
  interface Access {

    /** {@code access.yaml}: a file path, or {@code s3://bucket/key}. */
    @WithDefault("datasets/access.yaml")
    String location();

    /**
     * A JSON object from IAM role ARN to Strata role name: the roles the CDK app generated for each
     * Strata role. Callers that assume them hold that role.
     */
    @WithName("generated-roles")
    @WithDefault("{}")
    String generatedRoles();
  }

  /** Where named reports live. */
  interface Reports {

    /** A directory of {@code <name>.sql} files, or {@code s3://bucket/prefix/}. */
    @WithDefault("datasets/reports")
    String location();
  }

  /** How queries are run and answered. */
  interface Query {

    /**
     * How long a request waits for its query before answering 202 with the query id; keep it below
     * the API Gateway integration timeout (30 s) and the function timeout.
     */
    @WithName("wait")
    @WithDefault("8s")
    Duration waitTime();

    /** Rows a structured query returns when it names no limit. */
    @WithName("default-limit")
    @WithDefault("1000")
    int defaultLimit();

    /** The largest limit a structured query may ask for. */
    @WithName("max-limit")
    @WithDefault("100000")
    int maxLimit();

    /** Rows per result page (at most 1000, Athena's page size). */
    @WithName("page-size")
    @WithDefault("500")
    int pageSize();

    /** The most filters one structured query may have. */
    @WithName("max-filters")
    @WithDefault("50")
    int maxFilters();

    /** The most values one {@code in} filter may list. */
    @WithName("max-in-values")
    @WithDefault("1000")
    int maxInValues();

    /** The most columns one structured query may select. */
    @WithName("max-columns")
    @WithDefault("200")
    int maxColumns();

    /** The most {@code orderBy} entries one structured query may have. */
    @WithName("max-order-by")
    @WithDefault("8")
    int maxOrderBy();

    /** The most parameters one report run may pass. */
    @WithName("max-report-parameters")
    @WithDefault("32")
    int maxReportParameters();

    /**
     * Queries, reports and exports one caller may have unfinished at once in this process; one more
     * is 429 {@code too_many_queries} with {@code Retry-After}. In AWS each warm function instance
     * counts for itself.
     */
    @WithName("max-running-per-caller")
    @WithDefault("4")
    int maxRunningPerCaller();
  }
}
