package io.strata.aws.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.ContractRepository;
import io.strata.core.store.InMemoryObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void readsContractsFromADirectory() {
    ContractRepository contracts =
        IngestWiring.contractsAt(DATASETS.toString(), new InMemoryObjectStore());

    assertThat(contracts.find("telecom_usage")).isPresent();
    assertThat(contracts.find("no_such_dataset")).isEmpty();
  }
}
