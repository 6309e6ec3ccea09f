package io.strata.aws.athena;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.util.Optional;

/**
 * Configuration of the Athena query engine. Every key can be set as an environment variable ({@code
 * strata.athena.workgroup} → {@code STRATA_ATHENA_WORKGROUP}); the database queries run in is
 * {@code strata.catalog.database}.
 */
@ConfigMapping(prefix = "strata.athena")
public interface AthenaConfig {

  /**
   * The Athena workgroup every query runs in; it sets the results location, encryption and the
   * per-query scan limit (the infrastructure makes it). Required wherever queries run on Athena.
   */
  String workgroup();

  /**
   * Another Athena endpoint than the region's, e.g. {@code http://localhost:8089} for a stand-in in
   * tests. Unset in AWS.
   */
  @WithName("endpoint-override")
  Optional<URI> endpointOverride();

  /**
   * Most tries of one Athena request, the first included, under the SDK's standard retry strategy
   * (exponential backoff with jitter, longer after throttling). Athena's API quotas are low and
   * polling callers share them, so this is higher than the SDK's default of 3.
   */
  @WithName("max-attempts")
  @WithDefault("8")
  int maxAttempts();

  /**
   * How many minutes old a previous run's results of the very same statement and parameters may be
   * for Athena to answer from them instead of scanning again; 0 turns result reuse off. At most
   * 10080 (7 days, Athena's limit).
   */
  @WithName("result-reuse-minutes")
  @WithDefault("15")
  int resultReuseMinutes();
}
