package io.strata.aws.glue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Configuration of the Glue Data Catalog that ingest registers history in. Every key can be set as
 * an environment variable ({@code strata.catalog.database} → {@code STRATA_CATALOG_DATABASE}).
 */
@ConfigMapping(prefix = "strata.catalog")
public interface CatalogConfig {

  /**
   * The Glue database that holds one table per dataset; it must exist (the infrastructure makes
   * it).
   */
  String database();

  /** The Glue client. */
  Glue glue();

  /** Settings of the Glue client and its retries. */
  interface Glue {

    /**
     * Another Glue endpoint than the region's, e.g. {@code http://localhost:8089} for a stand-in in
     * tests. Unset in AWS.
     */
    @WithName("endpoint-override")
    Optional<URI> endpointOverride();

    /**
     * Most tries of one Glue request, the first included, under the SDK's standard retry strategy
     * (exponential backoff with jitter, longer after throttling). Concurrent ingests share Glue's
     * request quota, so this is higher than the SDK's default of 3.
     */
    @WithName("max-attempts")
    @WithDefault("8")
    int maxAttempts();

    /**
     * Most tries of a partition that Glue refused inside an otherwise successful
     * BatchCreatePartition answer (any error but "exists already"), the first included.
     */
    @WithName("partition-attempts")
    @WithDefault("5")
    int partitionAttempts();

    /** Longest first wait before such a partition is sent again; it doubles with each try. */
    @WithName("partition-retry-base-delay")
    @WithDefault("PT0.2S")
    Duration partitionRetryBaseDelay();

    /** Longest wait between two tries of such a partition. */
    @WithName("partition-retry-max-delay")
    @WithDefault("PT5S")
    Duration partitionRetryMaxDelay();
  }
}
