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
  }
}
