package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one-shot mode scripts and CI use: ingest what waits, print a summary, exit. */
@QuarkusMainTest
@TestProfile(OnceLakeProfile.class)
class LocalLakeOnceTest {

  @BeforeAll
  static void dropFiles() throws Exception {
    Path raw = OnceLakeProfile.DATA_DIR.resolve("strata-raw");
    Path events = Path.of("../../events/raw");
    Files.createDirectories(raw.resolve("bank_transactions"));
    Files.createDirectories(raw.resolve("telecom_usage"));
    Files.copy(
        events.resolve("bank_transactions/transactions-2024-01-15.csv"),
        raw.resolve("bank_transactions/transactions-2024-01-15.csv"));
    Files.copy(
        events.resolve("bank_transactions/transactions-broken.csv"),
        raw.resolve("bank_transactions/transactions-broken.csv"));
    Files.copy(
        events.resolve("telecom_usage/usage-2024-01-15.jsonl"),
        raw.resolve("telecom_usage/usage-2024-01-15.jsonl"));
  }

  @Test
  @Launch("--once")
  void ingestsEverythingWaitingAndExits(LaunchResult result) {
    assertThat(result.exitCode()).isZero();
    assertThat(result.getOutput()).contains("Ingested 3 raw objects: ");
    assertThat(result.getOutput()).contains("committed 2").contains("quarantined 1");
    assertThat(OnceLakeProfile.DATA_DIR.resolve("strata-history/_batches/bank_transactions"))
        .isDirectory();
  }
}
