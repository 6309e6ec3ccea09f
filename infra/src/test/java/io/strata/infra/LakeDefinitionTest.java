package io.strata.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeDefinitionTest {

  @Test
  void loadsEveryContractAndTheAccessPolicyOfTheRepository() {
    LakeDefinition lake = LakeDefinition.load(TestStacks.DATASETS);

    assertThat(lake.contracts()).containsOnlyKeys("bank_transactions", "telecom_usage");
    assertThat(lake.access().roles()).containsOnlyKeys("analyst", "data-scientist", "admin");
  }

  @Test
  void failsSynthWhenTheAccessPolicyNamesAnUnknownColumn(@TempDir Path dir) throws Exception {
    Files.copy(
        TestStacks.DATASETS.resolve("telecom_usage.yaml"), dir.resolve("telecom_usage.yaml"));
    Files.writeString(
        dir.resolve("access.yaml"),
        "roles:\n  analyst:\n    datasets:\n      telecom_usage:\n        hidden: [imsi]\n");

    assertThatThrownBy(() -> LakeDefinition.load(dir))
        .isInstanceOf(StrataConfigException.class)
        .hasMessage(
            "Cannot load access policy access.yaml:"
                + " roles.analyst.datasets.telecom_usage.hidden[0]: unknown column imsi in dataset"
                + " telecom_usage");
  }

  @Test
  void failsSynthWhenADatasetTakesTheNameOfTheBatchesTable(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("strata_batches.yaml"),
        Files.readString(TestStacks.DATASETS.resolve("telecom_usage.yaml"))
            .replace("name: telecom_usage", "name: strata_batches"));
    Files.writeString(dir.resolve("access.yaml"), "roles: {}\n");

    assertThatThrownBy(() -> LakeDefinition.load(dir))
        .isInstanceOf(StrataConfigException.class)
        .hasMessage(
            "Cannot load contract strata_batches.yaml: name: 'strata_batches' is reserved: it"
                + " names the batch table an older Hive-format deployment may still hold");
  }

  @Test
  void failsSynthWhenTheAccessPolicyIsMissing(@TempDir Path dir) {
    assertThatThrownBy(() -> LakeDefinition.load(dir))
        .isInstanceOf(StrataConfigException.class)
        .hasMessage("Cannot load datasets from " + dir + ": access.yaml is missing");
  }

  @Test
  void failsSynthWhenTheDatasetsDirectoryDoesNotExist(@TempDir Path dir) {
    Path missing = dir.resolve("datasets");

    assertThatThrownBy(() -> LakeDefinition.load(missing))
        .isInstanceOf(StrataConfigException.class)
        .hasMessage(
            "Cannot load datasets from "
                + missing
                + ": not a directory (context strata:datasetsDir)");
  }
}
