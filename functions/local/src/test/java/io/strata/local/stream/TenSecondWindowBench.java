package io.strata.local.stream;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link StreamBench} on a lake whose batching window is 10 s. */
@QuarkusTest
@TestProfile(TenSecondWindowProfile.class)
class TenSecondWindowBench extends StreamBench {

  @Override
  String window() {
    return "10s";
  }
}
