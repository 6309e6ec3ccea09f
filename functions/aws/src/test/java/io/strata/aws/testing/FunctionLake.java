package io.strata.aws.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every function's tests run against: s3proxy on a temporary directory with the buckets they
 * name, and a stateful Glue stand-in holding the lake's three databases ({@code lake}, {@code
 * lake_current}, {@code lake_reports}, as the CDK app creates them).
 */
public final class FunctionLake implements AutoCloseable {

  /** The lake's Glue database; the current and reports databases are named after it. */
  public static final String DATABASE = "lake";

  private final Path dataDir;
  private final S3ProxyServer server;
  private final GlueFake glue;

  private FunctionLake(Path dataDir, S3ProxyServer server, GlueFake glue) {
    this.dataDir = dataDir;
    this.server = server;
    this.glue = glue;
  }

  /** Starts both stand-ins; {@code name} names the temporary directory. */
  public static FunctionLake start(String name, String... buckets) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("strata-" + name + "-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    S3ProxyServer server = S3ProxyServer.startOnDirectory(dataDir);
    server.createBuckets(buckets);
    GlueFake glue = new GlueFake(DATABASE, DATABASE + "_current", DATABASE + "_reports");
    return new FunctionLake(dataDir, server, glue);
  }

  /**
   * The configuration every function takes: the S3 client and Iceberg's S3FileIO at s3proxy, the
   * Glue catalog at the stand-in, and the history bucket. A mutable copy for the caller to add to.
   */
  public Map<String, String> config(String historyBucket) {
    Map<String, String> config = new HashMap<>(server.quarkusS3Config());
    config.putAll(server.icebergS3Config());
    config.put("strata.catalog.database", DATABASE);
    config.put("strata.catalog.glue.endpoint-override", glue.endpoint().toString());
    config.put("strata.history-bucket", historyBucket);
    return config;
  }

  /**
   * The configuration that points a function at the repository's rule files, as the CDK app deploys
   * them: the contracts, {@code access.yaml} and the reports of {@code datasets/}.
   */
  public static Map<String, String> repositoryRules() {
    return Map.of(
        "strata.contracts.location", "../../datasets",
        "strata.access.location", "../../datasets/access.yaml",
        "strata.reports.location", "../../datasets/reports");
  }

  /**
   * The files of these {@code s3://} locations on s3proxy's disk, as a DuckDB list of paths for
   * {@code read_parquet([...])}.
   */
  public String duckDbFiles(List<String> locations) {
    return locations.stream()
        .map(location -> "'" + dataDir.resolve(location.substring("s3://".length())) + "'")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  public Path dataDir() {
    return dataDir;
  }

  public S3ProxyServer server() {
    return server;
  }

  public GlueFake glue() {
    return glue;
  }

  @Override
  public void close() {
    server.close();
    glue.close();
  }
}
