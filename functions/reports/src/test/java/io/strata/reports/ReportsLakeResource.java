package io.strata.reports;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.aws.testing.AthenaStandIn;
import io.strata.aws.testing.FunctionLake;
import java.util.Map;

/**
 * The report refresh Lambda's surroundings under test: s3proxy with the raw and history buckets, a
 * stateful Glue stand-in holding the lake's three databases, WireMock standing in for Athena, and
 * the repository's contracts, access policy and reports.
 */
public class ReportsLakeResource implements QuarkusTestResourceLifecycleManager {

  static final String RAW = "strata-raw";
  static final String HISTORY = "strata-history";

  private static FunctionLake lake;
  private static AthenaStandIn athena;

  @Override
  public Map<String, String> start() {
    lake = FunctionLake.start("reports", RAW, HISTORY);
    athena = new AthenaStandIn();
    Map<String, String> config = lake.config(HISTORY);
    config.putAll(athena.config());
    config.putAll(FunctionLake.repositoryRules());
    config.put("strata.refresh.query-timeout", "20s");
    config.put("strata.pii.hash-key", "reports-test-hash-key");
    return config;
  }

  @Override
  public void stop() {
    if (lake != null) {
      lake.close();
    }
    if (athena != null) {
      athena.close();
    }
  }

  static AthenaStandIn athena() {
    return athena;
  }

  static FunctionLake lake() {
    return lake;
  }
}
