package io.strata.maintenance;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.aws.testing.GlueFake;
import io.strata.aws.testing.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An in-process S3 (s3proxy on a temporary directory) with the raw and history buckets, a stateful
 * Glue stand-in holding the lake's three databases, and the function's configuration pointed at
 * both.
 */
public class MaintenanceLakeResource implements QuarkusTestResourceLifecycleManager {

  static final String RAW = "strata-raw";
  static final String HISTORY = "strata-history";

  private static Path dataDir;
  private static S3ProxyServer server;
  private static GlueFake glue;

  @Override
  public Map<String, String> start() {
    try {
      dataDir = Files.createTempDirectory("strata-maintenance-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = S3ProxyServer.startOnDirectory(dataDir);
    server.createBuckets(RAW, HISTORY);
    glue = new GlueFake("lake", "lake_current", "lake_reports");
    Map<String, String> config = new HashMap<>(server.quarkusS3Config());
    config.putAll(server.icebergS3Config());
    config.putAll(
        Map.ofEntries(
            Map.entry("strata.catalog.database", "lake"),
            Map.entry("strata.catalog.glue.endpoint-override", glue.endpoint().toString()),
            Map.entry("strata.history-bucket", HISTORY),
            Map.entry("strata.contracts.location", "../../datasets"),
            Map.entry("strata.pii.hash-key", "maintenance-test-hash-key")));
    return config;
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
    if (glue != null) {
      glue.close();
    }
  }

  static Path dataDir() {
    return dataDir;
  }

  static GlueFake glue() {
    return glue;
  }
}
