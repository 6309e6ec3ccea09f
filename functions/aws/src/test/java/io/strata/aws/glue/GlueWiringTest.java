package io.strata.aws.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlueWiringTest {

  @Test
  void readsTheDatabaseFromTheEnvironmentAndGivesGlueCatalogS3FileIoOnTheUrlConnectionClient() {
    // given
    CatalogConfig config = config(Map.of(), Map.of("STRATA_CATALOG_DATABASE", "strata_lake"));

    // when
    Map<String, String> properties = GlueWiring.catalogProperties(config);

    // then
    assertThat(config.database()).isEqualTo("strata_lake");
    assertThat(config.glue().endpointOverride()).isEmpty();
    assertThat(properties)
        .containsExactly(
            Map.entry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO"),
            Map.entry("http-client.type", "urlconnection"));
  }

  @Test
  void pointsGlueAndS3AtStandInsInTests() {
    // given
    CatalogConfig config =
        config(
            Map.of(
                "strata.catalog.database", "lake",
                "strata.catalog.glue.endpoint-override", "http://localhost:8089",
                "strata.catalog.properties.\"s3.endpoint\"", "http://localhost:4566",
                "strata.catalog.properties.\"s3.path-style-access\"", "true"),
            Map.of());

    // when / then
    assertThat(config.glue().endpointOverride()).contains(URI.create("http://localhost:8089"));
    assertThat(GlueWiring.catalogProperties(config))
        .containsEntry("glue.endpoint", "http://localhost:8089")
        .containsEntry("s3.endpoint", "http://localhost:4566")
        .containsEntry("s3.path-style-access", "true");
  }

  @Test
  void refusesToStartWithoutADatabase() {
    assertThatThrownBy(() -> config(Map.of(), Map.of()))
        .hasMessageContaining("strata.catalog.database");
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
