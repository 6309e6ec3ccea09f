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
   * Where the lake keeps its own state (the Iceberg catalog database, the generated PII hash key,
   * the lock of the running lake); default {@code <data-dir>/.strata}.
   */
  @WithName("state-dir")
  Optional<String> stateDir();

  /** The lake's state folder and the files in it. */
  default LakeState state() {
    return LakeState.of(Path.of(dataDir()), stateDir());
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

  /** Ingest what waits in the raw bucket once, then exit (for scripts and CI); {@code --once}. */
  @WithDefault("false")
  boolean once();

  /**
   * Compact small files and expire snapshots outside each contract's retention once, then exit;
   * {@code --maintain}.
   */
  @WithDefault("false")
  boolean maintain();

  /** The background maintenance of the running lake; see {@link Maintenance}. */
  Maintenance maintenance();

  /**
   * Compaction and retention in the background while the lake runs (in the lake's own process, so
   * under its lock; commits coexist with the batches the watcher commits meanwhile).
   */
  interface Maintenance {

    /** Run it ({@code strata.local.maintenance.enabled}); on by default. */
    @WithDefault("true")
    boolean enabled();

    /** How long after start and between passes ({@code strata.local.maintenance.interval}). */
    @WithDefault("PT1H")
    Duration interval();
  }

  /**
   * Datasets whose quarantined objects are ingested again, after which the lake exits; {@code
   * --reprocess <dataset>}.
   */
  Optional<List<String>> reprocess();

  /**
   * Folder of the contracts, {@code access.yaml} and {@code reports/}; {@code --datasets-dir}. By
   * default the {@code datasets/} folder with an {@code access.yaml} in the working folder or the
   * nearest folder above it, so the lake finds the repository's contracts wherever it is started
   * inside it. The locations {@code strata.contracts.location}, {@code strata.access.location} and
   * {@code strata.reports.location} follow it unless they are set themselves.
   */
  @WithName("datasets-dir")
  Optional<String> datasetsDir();

  /** The Iceberg REST catalog endpoint other engines attach to; see {@link IcebergRest}. */
  @WithName("iceberg-rest")
  IcebergRest icebergRest();

  /**
   * Iceberg's REST catalog protocol over the lake's own catalog, at {@code /iceberg} on the query
   * API's port, so Trino, Spark, PyIceberg or DuckDB can read (and commit to) the history tables.
   * An engine attached there bypasses the role rules of {@code access.yaml} and the contracts, so
   * it is off unless asked for ({@code --iceberg-rest}) and answers only callers on this machine.
   */
  interface IcebergRest {

    /** Serve the endpoint ({@code strata.local.iceberg-rest.enabled}); off by default. */
    @WithDefault("false")
    boolean enabled();
  }
}
