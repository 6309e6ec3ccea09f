package io.strata.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** Runs the local lake on a fresh temporary data directory and a free S3 port. */
public class TemporaryLakeProfile implements QuarkusTestProfile {

  static final Path DATA_DIR = TestLakes.newDataDir("strata-local-lake");
  static final int S3_PORT = TestLakes.freePort();

  @Override
  public Map<String, String> getConfigOverrides() {
    return TestLakes.config(DATA_DIR, S3_PORT);
  }
}
