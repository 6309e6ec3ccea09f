package io.strata.aws.split;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/** Configuration of large files: when an object is ingested in byte ranges, and by whom. */
@ConfigMapping(prefix = "strata.split")
public interface SplitConfig {

  /**
   * Objects larger than this many bytes fan out ({@code STRATA_SPLIT_THRESHOLD_BYTES}). The
   * default, 6 GiB, is about a third of what one 15-minute invocation ingests at the measured rate
   * (README "Large files").
   */
  @WithName("threshold-bytes")
  @WithDefault("6442450944")
  long thresholdBytes();

  /** Target size of one byte range, in bytes ({@code STRATA_SPLIT_RANGE_BYTES}). */
  @WithName("range-bytes")
  @WithDefault("536870912")
  long rangeBytes();

  /**
   * Threads of one invocation that scan ranges while planning, with parallel ranged reads (S3
   * serves one connection at ~100 MB/s, several at once far more).
   */
  @WithName("scan-threads")
  @WithDefault("8")
  int scanThreads();

  /**
   * The state machine that ingests large files in AWS ({@code STRATA_SPLIT_STATE_MACHINE_ARN}).
   * Without it, large objects are ingested whole by the function that received the event.
   */
  @WithName("state-machine-arn")
  Optional<String> stateMachineArn();
}
