package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalLakeOptionsTest {

  @Test
  void helpListsEveryOption() {
    LocalLakeOptions.Parsed parsed = LocalLakeOptions.parse("--help");

    assertThat(parsed).isInstanceOf(LocalLakeOptions.Parsed.Help.class);
    assertThat(((LocalLakeOptions.Parsed.Help) parsed).usage())
        .startsWith("Usage: strata-local")
        .contains(
            "--once",
            "--reprocess=<dataset>",
            "--maintain",
            "--data-dir=<dir>",
            "--datasets-dir=<dir>",
            "--s3-port=<port>",
            "--http-port=<port>",
            "--iceberg-rest",
            "Exit status:");
  }

  @Test
  void refusesAnUnknownOptionInOneLine() {
    assertThat(LocalLakeOptions.parse("--once", "--bogus"))
        .isEqualTo(new LocalLakeOptions.Parsed.Invalid("Unknown option: '--bogus' (see --help)"));
    assertThat(LocalLakeOptions.parse("lake")).isInstanceOf(LocalLakeOptions.Parsed.Invalid.class);
  }

  @Test
  void refusesValuesTheLakeCannotUse() {
    assertThat(invalid("--reprocess", "Bank-Transactions"))
        .isEqualTo(
            "Invalid value for option '--reprocess': 'Bank-Transactions' is no dataset name"
                + " ([a-z][a-z0-9_]*) (see --help)");
    assertThat(invalid("--s3-port", "0"))
        .isEqualTo("Invalid value for option '--s3-port': 0 is no port (1 to 65535)");
    assertThat(invalid("--http-port", "http")).startsWith("Invalid value for option '--http-port'");
    assertThat(invalid("--data-dir")).startsWith("Missing required parameter for option");
  }

  @Test
  void turnsOptionsIntoTheConfigurationTheLakeReads() {
    LocalLakeOptions options =
        valid(
            "--once",
            "--reprocess",
            "bank_transactions",
            "--reprocess",
            "telecom_usage",
            "--data-dir",
            "/srv/lake",
            "--datasets-dir",
            "contracts",
            "--s3-port",
            "4577",
            "--http-port",
            "8088");

    assertThat(options.oneShot()).isTrue();
    assertThat(options.configuration())
        .isEqualTo(
            Map.of(
                "strata.local.once", "true",
                "strata.local.reprocess", "bank_transactions,telecom_usage",
                "strata.local.data-dir", "/srv/lake",
                "strata.local.datasets-dir", "contracts",
                "strata.local.s3-port", "4577",
                "quarkus.http.port", "8088"));
  }

  @Test
  void maintainsOnceAndExitsWhenAskedTo() {
    LocalLakeOptions options = valid("--maintain");

    assertThat(options.oneShot()).isTrue();
    assertThat(options.configuration()).isEqualTo(Map.of("strata.local.maintain", "true"));
  }

  @Test
  void servesTheIcebergRestCatalogOnlyWhenAskedTo() {
    assertThat(valid("--iceberg-rest").configuration())
        .isEqualTo(Map.of("strata.local.iceberg-rest.enabled", "true"));
    assertThat(valid("--once").configuration())
        .doesNotContainKey("strata.local.iceberg-rest.enabled");
  }

  @Test
  void withoutOptionsTheLakeWatchesWithItsConfiguration() {
    LocalLakeOptions options = valid();

    assertThat(options.oneShot()).isFalse();
    assertThat(options.configuration()).isEmpty();
  }

  private static LocalLakeOptions valid(String... args) {
    LocalLakeOptions.Parsed parsed = LocalLakeOptions.parse(args);
    assertThat(parsed).isInstanceOf(LocalLakeOptions.Parsed.Valid.class);
    return ((LocalLakeOptions.Parsed.Valid) parsed).options();
  }

  private static String invalid(String... args) {
    LocalLakeOptions.Parsed parsed = LocalLakeOptions.parse(args);
    assertThat(parsed).isInstanceOf(LocalLakeOptions.Parsed.Invalid.class);
    return ((LocalLakeOptions.Parsed.Invalid) parsed).message();
  }
}
