package io.strata.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration of the local lake ({@code strata.local.*}); see the README's table. */
@ConfigMapping(prefix = "strata.local")
public interface LocalLakeConfig {

  /** Directory holding every bucket as plain files: {@code <data-dir>/<bucket>/<key>}. */
  @WithName("data-dir")
  @WithDefault("lake")
  String dataDir();

  /**
   * Where the lake keeps its own state (the Iceberg catalog database, the generated PII hash key);
   * default {@code <data-dir>/.strata}.
   */
  @WithName("state-dir")
  Optional<String> stateDir();

  /** The state directory, absolute. */
  default Path stateDirectory() {
    return Path.of(stateDir().orElse(Path.of(dataDir()).resolve(".strata").toString()))
        .toAbsolutePath()
        .normalize();
  }

  /** Interface the in-process S3 server listens on. */
  @WithName("s3-host")
  @WithDefault("127.0.0.1")
  String s3Host();

  /** Port of the in-process S3 server ({@code --endpoint-url http://localhost:4566}). */
  @WithName("s3-port")
  @WithDefault("4566")
  int s3Port();

  /** The bucket source systems drop raw files into; watched for new objects. */
  @WithName("raw-bucket")
  @WithDefault("strata-raw")
  String rawBucket();

  /** Every bucket created at start (raw, history, analytics). */
  @WithDefault("strata-raw,strata-history,strata-analytics")
  List<String> buckets();

  /** How often the raw bucket is scanned for new objects. */
  @WithName("poll-interval")
  @WithDefault("1s")
  Duration pollInterval();

  /** Ingest what waits in the raw bucket once, then exit (for scripts and CI). */
  @WithDefault("false")
  boolean once();
}
