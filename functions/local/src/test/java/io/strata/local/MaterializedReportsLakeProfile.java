package io.strata.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A fresh lake for the materialized reports' end-to-end test. */
public class MaterializedReportsLakeProfile implements QuarkusTestProfile {

  static final Path DATA_DIR = TestLakes.newDataDir("strata-local-materialized");
  static final int S3_PORT = TestLakes.freePort();

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>(TestLakes.config(DATA_DIR, S3_PORT));
    config.put("strata.query.wait", "20s");
    return config;
  }
}
