package io.strata.aws.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Configuration of the stream path, shared by the stream Lambda and the local lake. Every key can
 * be set as an environment variable ({@code strata.stream.name-prefix} → {@code
 * STRATA_STREAM_NAME_PREFIX}).
 */
@ConfigMapping(prefix = "strata.stream")
public interface StreamConfig {

  /**
   * Prefix of the stream names: the stream {@code <prefix><dataset>} carries the records of that
   * dataset (see {@link io.strata.core.ingest.StreamNames}).
   */
  @WithName("name-prefix")
  @WithDefault("strata-")
  String namePrefix();
}
