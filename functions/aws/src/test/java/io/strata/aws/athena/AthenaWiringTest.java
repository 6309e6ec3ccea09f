package io.strata.aws.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.athena.AthenaClient;

class AthenaWiringTest {

  @Test
  void readsTheWorkgroupFromTheEnvironmentAndDefaultsEverythingElse() {
    // given / when
    AthenaConfig config = config(Map.of(), Map.of("STRATA_ATHENA_WORKGROUP", "strata"));

    // then
    assertThat(config.workgroup()).isEqualTo("strata");
    assertThat(config.endpointOverride()).isEmpty();
    assertThat(config.maxAttempts()).isEqualTo(8);
    assertThat(config.resultReuseMinutes()).isEqualTo(15);
  }

  @Test
  void readsTheEndpointOverrideRetriesAndResultReuse() {
    // given / when
    AthenaConfig config =
        config(
            Map.of(
                "strata.athena.workgroup", "analytics",
                "strata.athena.endpoint-override", "http://localhost:8089",
                "strata.athena.max-attempts", "4",
                "strata.athena.result-reuse-minutes", "0"),
            Map.of());

    // then
    assertThat(config.workgroup()).isEqualTo("analytics");
    assertThat(config.endpointOverride()).contains(URI.create("http://localhost:8089"));
    assertThat(config.maxAttempts()).isEqualTo(4);
    assertThat(config.resultReuseMinutes()).isZero();
  }

  @Test
  void refusesToStartWithoutAWorkgroup() {
    assertThatThrownBy(() -> config(Map.of(), Map.of()))
        .hasMessageContaining("strata.athena.workgroup");
  }

  @Test
  void retriesAthenaRequestsWithTheSdkStandardStrategyAndTheConfiguredTries() {
    RetryStrategy strategy = AthenaWiring.retryStrategy(8);

    assertThat(strategy).isInstanceOf(StandardRetryStrategy.class);
    assertThat(strategy.maxAttempts()).isEqualTo(8);
  }

  @Test
  void refusesResultReuseLongerThanAthenaAllows() {
    try (AthenaClient client = client()) {
      assertThatThrownBy(() -> new AthenaQueryEngine(client, "strata", "lake", 10081))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Cannot configure Athena result reuse: minutes must be 0 to 10080, not 10081");
      assertThatThrownBy(() -> new AthenaQueryEngine(client, "strata", "lake", -1))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage("Cannot configure Athena result reuse: minutes must be 0 to 10080, not -1");
    }
  }

  private static AthenaClient client() {
    return AthenaWiring.athenaClientBuilder(
            Optional.of(URI.create("http://localhost:1")), AthenaWiring.retryStrategy(1))
        .region(Region.EU_WEST_1)
        .build();
  }

  private static AthenaConfig config(Map<String, String> properties, Map<String, String> env) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(AthenaConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .withSources(new EnvConfigSource(env, 300))
            .build();
    return config.getConfigMapping(AthenaConfig.class);
  }
}
