package io.strata.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.aws.testing.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An in-process S3 (s3proxy on a temporary directory) with the raw and history buckets, and the
 * function's configuration pointed at it.
 */
public class LakeTestResource implements QuarkusTestResourceLifecycleManager {

  static final String RAW = "strata-raw";
  static final String HISTORY = "strata-history";

  private static Path dataDir;
  private static S3ProxyServer server;

  @Override
  public Map<String, String> start() {
    try {
      dataDir = Files.createTempDirectory("strata-ingest-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = S3ProxyServer.startOnDirectory(dataDir);
    server.createBuckets(RAW, HISTORY);
    return Map.of(
        "quarkus.s3.endpoint-override",
        server.endpoint().toString(),
        "quarkus.s3.path-style-access",
        "true",
        "quarkus.s3.aws.region",
        S3ProxyServer.REGION.id(),
        "quarkus.s3.aws.credentials.type",
        "static",
        "quarkus.s3.aws.credentials.static-provider.access-key-id",
        S3ProxyServer.ACCESS_KEY,
        "quarkus.s3.aws.credentials.static-provider.secret-access-key",
        S3ProxyServer.SECRET_KEY,
        "strata.history-bucket",
        HISTORY,
        "strata.contracts.location",
        "../../datasets",
        "strata.pii.hash-key",
        "ingest-test-hash-key");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }

  static Path dataDir() {
    return dataDir;
  }

  static S3ProxyServer server() {
    return server;
  }
}
