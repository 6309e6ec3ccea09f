package io.strata.local.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * The local lake's stream endpoint ({@code strata.local.streams.*}): a real Kinesis API
 * (kinesalite, on Node.js) that the AWS CLI and SDK talk to, one stream per dataset, read in
 * micro-batches like Lambda's event source mapping would.
 */
@ConfigMapping(prefix = "strata.local.streams")
public interface LocalStreamsConfig {

  /** Start the endpoint when Node.js is present; {@code --no-streams} turns it off. */
  @WithDefault("true")
  boolean enabled();

  /** Port of the Kinesis endpoint ({@code --endpoint-url http://localhost:4567}). */
  @WithDefault("4567")
  int port();

  /**
   * Longest a record waits for more to batch with, like the event source mapping's {@code
   * MaximumBatchingWindowInSeconds}: the latency floor of a record.
   */
  @WithName("batch-window")
  @WithDefault("1s")
  Duration batchWindow();

  /** Most records in one micro-batch (one snapshot), like the mapping's {@code BatchSize}. */
  @WithName("batch-size")
  @WithDefault("500")
  int batchSize();

  /** How often each shard is asked for new records. */
  @WithName("poll-interval")
  @WithDefault("200ms")
  Duration pollInterval();

  /**
   * Where kinesalite is installed with npm on first use; default {@code
   * ~/.cache/strata/kinesalite-<version>}, outside the lake so a reset lake does not install again.
   */
  @WithName("install-dir")
  Optional<String> installDir();
}
