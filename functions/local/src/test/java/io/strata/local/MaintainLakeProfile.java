package io.strata.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** A lake of its own for the maintenance command test. */
public class MaintainLakeProfile implements QuarkusTestProfile {

  static final Path DATA_DIR = TestLakes.newDataDir("strata-local-maintain");

  @Override
  public Map<String, String> getConfigOverrides() {
    return TestLakes.config(DATA_DIR, TestLakes.freePort());
  }
}
