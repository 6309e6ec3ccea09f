package io.strata.maintenance;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.aws.testing.FunctionLake;
import io.strata.aws.testing.GlueFake;
import java.util.Map;

/**
 * An in-process S3 (s3proxy on a temporary directory) with the raw and history buckets, a stateful
 * Glue stand-in holding the lake's three databases, and the function's configuration pointed at
 * both.
 */
public class MaintenanceLakeResource implements QuarkusTestResourceLifecycleManager {

  static final String RAW = "strata-raw";
  static final String HISTORY = "strata-history";

  private static FunctionLake lake;

  @Override
  public Map<String, String> start() {
    lake = FunctionLake.start("maintenance", RAW, HISTORY);
    Map<String, String> config = lake.config(HISTORY);
    config.put("strata.contracts.location", "../../datasets");
    config.put("strata.pii.hash-key", "maintenance-test-hash-key");
    return config;
  }

  @Override
  public void stop() {
    if (lake != null) {
      lake.close();
    }
  }

  static FunctionLake lake() {
    return lake;
  }

  static GlueFake glue() {
    return lake.glue();
  }
}
