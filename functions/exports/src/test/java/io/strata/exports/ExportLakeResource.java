package io.strata.exports;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.aws.testing.S3ProxyServer;
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
    return Map.ofEntries(
        Map.entry("strata.catalog.database", "lake"),
        Map.entry("strata.athena.workgroup", WORKGROUP),
        Map.entry("strata.athena.endpoint-override", athena.endpoint()),
        Map.entry("strata.athena.max-attempts", "2"),
        Map.entry("strata.analytics-bucket", ANALYTICS),
        Map.entry("quarkus.s3.endpoint-override", server.endpoint().toString()),
        Map.entry("quarkus.s3.path-style-access", "true"),
        Map.entry("quarkus.s3.aws.region", S3ProxyServer.REGION.id()),
        Map.entry("quarkus.s3.aws.credentials.type", "static"),
        Map.entry(
            "quarkus.s3.aws.credentials.static-provider.access-key-id", S3ProxyServer.ACCESS_KEY),
        Map.entry(
            "quarkus.s3.aws.credentials.static-provider.secret-access-key",
            S3ProxyServer.SECRET_KEY));
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
