package io.strata.query;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strata.aws.testing.AthenaStandIn;
import io.strata.aws.testing.FunctionLake;
import io.strata.aws.testing.GlueFake;
import io.strata.aws.testing.S3ProxyServer;
import java.util.Map;

/**
 * The query Lambda's surroundings under test: s3proxy holding the history and analytics buckets, a
 * stateful Glue stand-in holding both datasets' Iceberg tables (history backdated to 2024-01-15),
 * WireMock standing in for Athena, the repository's contracts, access policy and reports, and the
 * IAM roles the CDK app would have generated for the demo roles.
 */
public class QueryLakeResource implements QuarkusTestResourceLifecycleManager {

  static final String HISTORY = "strata-history";
  static final String ANALYTICS = "strata-analytics";
  static final String ACCOUNT = "123456789012";

  private static FunctionLake lake;
  private static AthenaStandIn athena;

  @Override
  public Map<String, String> start() {
    lake = FunctionLake.start("query", HISTORY, ANALYTICS);
    athena = new AthenaStandIn();
    BackdatedHistory.write(lake.glue(), lake.server(), HISTORY);
    String roles =
        "{\"arn:aws:iam::"
            + ACCOUNT
            + ":role/StrataAnalyst\":\"analyst\",\"arn:aws:iam::"
            + ACCOUNT
            + ":role/StrataDataScientist\":\"data-scientist\",\"arn:aws:iam::"
            + ACCOUNT
            + ":role/StrataAdmin\":\"admin\"}";
    Map<String, String> config = lake.config(HISTORY);
    config.putAll(athena.config());
    config.putAll(FunctionLake.repositoryRules());
    config.putAll(
        Map.of(
            "strata.analytics-bucket", ANALYTICS,
            "strata.access.generated-roles", roles,
            "strata.query.wait", "0.3s"));
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

  static S3ProxyServer server() {
    return lake.server();
  }

  static AthenaStandIn athena() {
    return athena;
  }

  static GlueFake glue() {
    return lake.glue();
  }
}
