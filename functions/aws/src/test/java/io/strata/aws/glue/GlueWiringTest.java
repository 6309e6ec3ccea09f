package io.strata.aws.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.strata.core.catalog.CatalogRetry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

class GlueWiringTest {

  @Test
  void readsTheDatabaseFromTheEnvironmentAndDefaultsEverythingElse() {
    // given
    CatalogConfig config = config(Map.of(), Map.of("STRATA_CATALOG_DATABASE", "strata_lake"));

    // when
    CatalogRetry retry = GlueWiring.partitionRetry(config.glue());

    // then
    assertThat(config.database()).isEqualTo("strata_lake");
    assertThat(config.glue().endpointOverride()).isEmpty();
    assertThat(config.glue().maxAttempts()).isEqualTo(8);
    assertThat(retry).isEqualTo(new CatalogRetry(5, Duration.ofMillis(200), Duration.ofSeconds(5)));
  }

  @Test
  void readsTheEndpointOverrideAndRetrySettings() {
    // given
    CatalogConfig config =
        config(
            Map.of(
                "strata.catalog.database", "lake",
                "strata.catalog.glue.endpoint-override", "http://localhost:8089",
                "strata.catalog.glue.max-attempts", "4",
                "strata.catalog.glue.partition-attempts", "2",
                "strata.catalog.glue.partition-retry-base-delay", "PT0.01S",
                "strata.catalog.glue.partition-retry-max-delay", "PT0.1S"),
            Map.of());

    // when / then
    assertThat(config.glue().endpointOverride()).contains(URI.create("http://localhost:8089"));
    assertThat(config.glue().maxAttempts()).isEqualTo(4);
    assertThat(GlueWiring.partitionRetry(config.glue()))
        .isEqualTo(new CatalogRetry(2, Duration.ofMillis(10), Duration.ofMillis(100)));
  }

  @Test
  void refusesToStartWithoutADatabase() {
    assertThatThrownBy(() -> config(Map.of(), Map.of()))
        .hasMessageContaining("strata.catalog.database");
  }

  @Test
  void retriesGlueRequestsWithTheSdkStandardStrategyAndTheConfiguredTries() {
    RetryStrategy strategy = GlueWiring.retryStrategy(8);

    assertThat(strategy).isInstanceOf(StandardRetryStrategy.class);
    assertThat(strategy.maxAttempts()).isEqualTo(8);
  }

  private static CatalogConfig config(Map<String, String> properties, Map<String, String> env) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(CatalogConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .withSources(new EnvConfigSource(env, 300))
            .build();
    return config.getConfigMapping(CatalogConfig.class);
  }
}
