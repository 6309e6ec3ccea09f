package io.strata.local.stream;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** Another fresh streaming lake, batching records for up to ten seconds (the AWS default). */
public class TenSecondWindowProfile implements QuarkusTestProfile {

  static final Path DATA_DIR = StreamLakeProfile.newDataDir();

  @Override
  public Map<String, String> getConfigOverrides() {
    return StreamLakeProfile.config(
        DATA_DIR, StreamLakeProfile.freePort(), StreamLakeProfile.freePort(), "10s");
  }
}
