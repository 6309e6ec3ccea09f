package io.strata.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A fresh lake whose threshold sends every object over 4 KiB to byte ranges of 2 KiB. */
public class LargeFilesLakeProfile implements QuarkusTestProfile {

  static final Path DATA_DIR = TestLakes.newDataDir("strata-local-large-files");
  static final int S3_PORT = TestLakes.freePort();
  static final long THRESHOLD_BYTES = 4096;

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>(TestLakes.config(DATA_DIR, S3_PORT));
    config.put("strata.split.threshold-bytes", Long.toString(THRESHOLD_BYTES));
    config.put("strata.split.range-bytes", "2048");
    return config;
  }
}
