package io.strata.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LakeLayoutTest {

  @Test
  void acceptsOrdinaryKeyWithUnderscoresInsideNames() {
    assertThat(LakeLayout.whyIgnored("bank_transactions/2024/01/15/my_file_1.csv")).isEmpty();
  }

  @Test
  void excludesFolderMarker() {
    assertThat(LakeLayout.whyIgnored("bank_transactions/2024/")).contains("folder marker");
  }

  @Test
  void excludesFileNameStartingWithUnderscore() {
    assertThat(LakeLayout.whyIgnored("bank_transactions/2024/_SUCCESS"))
        .contains("path segment starts with '_': _SUCCESS");
  }

  @Test
  void excludesKeyUnderFolderStartingWithUnderscore() {
    assertThat(LakeLayout.whyIgnored("telecom_usage/_temporary/0/part-0.jsonl"))
        .contains("path segment starts with '_': _temporary");
  }

  @Test
  void excludesTopLevelKeyStartingWithUnderscore() {
    assertThat(LakeLayout.whyIgnored("_staging.csv"))
        .contains("path segment starts with '_': _staging.csv");
  }

  @Test
  void aManifestKeyNamesItsDatasetAndNoOtherHistoryKeyDoes() {
    LakeLayout layout = new LakeLayout("history");
    assertThat(LakeLayout.datasetOfManifest(layout.manifestKey("bank_transactions", "b1")))
        .contains("bank_transactions");
    assertThat(LakeLayout.datasetOfManifest(layout.rejectsKey("bank_transactions", "b1")))
        .isEmpty();
    assertThat(LakeLayout.datasetOfManifest(layout.quarantineReportKey("bank_transactions", "b1")))
        .isEmpty();
    assertThat(LakeLayout.datasetOfManifest("bank_transactions/data/b1.json")).isEmpty();
    assertThat(LakeLayout.datasetOfManifest("_batches/bank_transactions/x/b1.json")).isEmpty();
    assertThat(LakeLayout.datasetOfManifest("_batches/Bank;DROP/b1.json")).isEmpty();
    assertThat(LakeLayout.datasetOfManifest("_batches/bank_transactions/.json")).isEmpty();
  }
}
