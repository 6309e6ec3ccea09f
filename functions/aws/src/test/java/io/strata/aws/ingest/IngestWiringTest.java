package io.strata.aws.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.strata.core.contract.ContractRepository;
import io.strata.core.parse.ParseLimits;
import io.strata.core.store.InMemoryObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestWiringTest {

  private static final Path DATASETS = Path.of("../../datasets");

  @Test
  void readsContractsFromAnS3PrefixWithOrWithoutItsTrailingSlash() throws Exception {
    InMemoryObjectStore store = new InMemoryObjectStore();
    store.put(
        "config",
        "strata/contracts/bank_transactions.yaml",
        Files.readAllBytes(DATASETS.resolve("bank_transactions.yaml")),
        "application/yaml");

    ContractRepository withSlash = IngestWiring.contractsAt("s3://config/strata/contracts/", store);
    ContractRepository withoutSlash =
        IngestWiring.contractsAt("s3://config/strata/contracts", store);

    assertThat(withSlash.find("bank_transactions"))
        .hasValueSatisfying(c -> assertThat(c.version()).isEqualTo(1));
    assertThat(withoutSlash.find("bank_transactions")).isPresent();
    assertThat(withSlash.find("telecom_usage")).isEmpty();
  }

  @Test
  void sizesTheGzipGuardsForALambdaByDefaultAndTakesConfiguredOnes() {
    IngestConfig defaults = config(Map.of());
    IngestConfig configured =
        config(
            Map.of(
                "strata.ingest.max-decompressed-bytes", "1073741824",
                "strata.ingest.max-expansion-ratio", "50",
                "strata.ingest.expansion-check-after-bytes", "1048576"));

    assertThat(IngestWiring.settings(defaults).parseLimits())
        .isEqualTo(new ParseLimits(1 << 20, 4L << 30, 100, 4L << 20));
    assertThat(IngestWiring.settings(configured).parseLimits())
        .isEqualTo(new ParseLimits(1 << 20, 1L << 30, 50, 1 << 20));
  }

  private static IngestConfig config(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(values);
    all.put("strata.history-bucket", "strata-history");
    // Quarkus reads "10s"; plain SmallRye config, as here, reads only ISO-8601 durations.
    all.put("strata.contracts.check-interval", "PT10S");
    return new SmallRyeConfigBuilder()
        .withMapping(IngestConfig.class)
        .withSources(new PropertiesConfigSource(all, "test", 500))
        .build()
        .getConfigMapping(IngestConfig.class);
  }

  @Test
  void readsContractsFromADirectory() {
    ContractRepository contracts =
        IngestWiring.contractsAt(DATASETS.toString(), new InMemoryObjectStore());

    assertThat(contracts.find("telecom_usage")).isPresent();
    assertThat(contracts.find("no_such_dataset")).isEmpty();
  }
}
