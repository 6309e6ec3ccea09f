package io.strata.aws.maintenance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Configuration of the lake's maintenance ({@code strata.maintenance.*}): how small files are
 * compacted. Retention is no setting: each dataset's contract says it ({@code history.retention}),
 * and without it nothing ever expires.
 */
@ConfigMapping(prefix = "strata.maintenance")
public interface MaintenanceConfig {

  /** The size compacted files grow to, in bytes (default 128 MiB). */
  @WithName("target-file-bytes")
  @WithDefault("134217728")
  long targetFileBytes();

  /** The fewest small files of one partition worth rewriting into one (default 5). */
  @WithName("min-files")
  @WithDefault("5")
  int minFiles();
}
