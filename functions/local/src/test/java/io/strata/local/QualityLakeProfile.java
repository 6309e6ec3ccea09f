package io.strata.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** A fresh lake for the quality route's end-to-end test. */
public class QualityLakeProfile implements QuarkusTestProfile {

  static final Path DATA_DIR = TestLakes.newDataDir("strata-local-quality");
  static final int S3_PORT = TestLakes.freePort();

  @Override
  public Map<String, String> getConfigOverrides() {
    return TestLakes.config(DATA_DIR, S3_PORT);
  }
}
