package io.strata.exports;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.aws.testing.S3ProxyServer;
import java.util.HashMap;
import java.util.Map;

/**
 * The finisher's surroundings under test: s3proxy holding the analytics bucket and WireMock
 * standing in for Athena, with the workgroup the CDK app would name.
 */
public class ExportLakeResource implements QuarkusTestResourceLifecycleManager {

  static final String ANALYTICS = "strata-analytics";
  static final String WORKGROUP = "strata";

  private static S3ProxyServer server;
  private static AthenaExecutions athena;

  @Override
  public Map<String, String> start() {
    server = S3ProxyServer.startTransient();
    server.createBuckets(ANALYTICS);
    athena = new AthenaExecutions();
    Map<String, String> config = new HashMap<>(server.quarkusS3Config());
    config.putAll(
        Map.ofEntries(
            Map.entry("strata.catalog.database", "lake"),
            Map.entry("strata.athena.workgroup", WORKGROUP),
            Map.entry("strata.athena.endpoint-override", athena.endpoint()),
            Map.entry("strata.athena.max-attempts", "2"),
            Map.entry("strata.analytics-bucket", ANALYTICS)));
    return config;
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
    if (athena != null) {
      athena.close();
    }
  }

  static S3ProxyServer server() {
    return server;
  }

  static AthenaExecutions athena() {
    return athena;
  }
}
