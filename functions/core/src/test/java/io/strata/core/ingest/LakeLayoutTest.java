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
}
