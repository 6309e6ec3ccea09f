package io.strata.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawKeysTest {

  @Test
  void acceptsOrdinaryKeyWithUnderscoresInsideNames() {
    assertThat(RawKeys.exclusion("bank_transactions/2024/01/15/my_file_1.csv")).isEmpty();
  }

  @Test
  void excludesFolderMarker() {
    assertThat(RawKeys.exclusion("bank_transactions/2024/")).contains("folder marker");
  }

  @Test
  void excludesFileNameStartingWithUnderscore() {
    assertThat(RawKeys.exclusion("bank_transactions/2024/_SUCCESS"))
        .contains("path segment starts with '_': _SUCCESS");
  }

  @Test
  void excludesKeyUnderFolderStartingWithUnderscore() {
    assertThat(RawKeys.exclusion("telecom_usage/_temporary/0/part-0.jsonl"))
        .contains("path segment starts with '_': _temporary");
  }

  @Test
  void excludesTopLevelKeyStartingWithUnderscore() {
    assertThat(RawKeys.exclusion("_staging.csv"))
        .contains("path segment starts with '_': _staging.csv");
  }
}
