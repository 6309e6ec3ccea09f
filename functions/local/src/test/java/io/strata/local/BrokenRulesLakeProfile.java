package io.strata.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A fresh lake whose contracts, access policy and reports come from a folder the test edits while
 * the lake runs; every change is looked for on every use.
 */
public class BrokenRulesLakeProfile implements QuarkusTestProfile {

  static final Path DATA_DIR = TestLakes.newDataDir("strata-local-rules");
  static final Path DATASETS = TestLakes.newDataDir("strata-local-rules-datasets");
  static final int S3_PORT = TestLakes.freePort();

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>(TestLakes.config(DATA_DIR, S3_PORT));
    config.put("strata.contracts.location", DATASETS.toString());
    config.put("strata.access.location", DATASETS.resolve("access.yaml").toString());
    config.put("strata.reports.location", DATASETS.resolve("reports").toString());
    config.put("strata.contracts.check-interval", "0s");
    config.put("strata.query.wait", "20s");
    return config;
  }
}
