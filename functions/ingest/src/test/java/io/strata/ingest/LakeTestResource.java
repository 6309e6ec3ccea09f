package io.strata.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.aws.testing.FunctionLake;
import io.strata.aws.testing.GlueFake;
import io.strata.aws.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * An in-process S3 (s3proxy on a temporary directory) with the raw and history buckets, a stateful
 * Glue stand-in for Iceberg's GlueCatalog, and the function's configuration pointed at both.
 */
public class LakeTestResource implements QuarkusTestResourceLifecycleManager {

  static final String RAW = "strata-raw";
  static final String HISTORY = "strata-history";

  private static FunctionLake lake;

  @Override
  public Map<String, String> start() {
    lake = FunctionLake.start("ingest", RAW, HISTORY);
    Map<String, String> config = lake.config(HISTORY);
    config.put("strata.contracts.location", "../../datasets");
    config.put("strata.pii.hash-key", "ingest-test-hash-key");
    return config;
  }

  @Override
  public void stop() {
    if (lake != null) {
      lake.close();
    }
  }

  static Path dataDir() {
    return lake.dataDir();
  }

  static S3ProxyServer server() {
    return lake.server();
  }

  static GlueFake glue() {
    return lake.glue();
  }
}
