package io.strata.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A fresh lake serving the Iceberg REST catalog ({@code --iceberg-rest}). */
public class IcebergRestLakeProfile implements QuarkusTestProfile {

  static final Path DATA_DIR = TestLakes.newDataDir("strata-local-iceberg-rest");
  static final int S3_PORT = TestLakes.freePort();

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>(TestLakes.config(DATA_DIR, S3_PORT));
    config.put("strata.local.iceberg-rest.enabled", "true");
    return config;
  }
}
