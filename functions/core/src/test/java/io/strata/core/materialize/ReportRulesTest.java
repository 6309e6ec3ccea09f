package io.strata.core.materialize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.access.AccessPolicyException;
import io.strata.core.access.RoleGrant;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.rules.Location;
import io.strata.core.rules.RuleFiles;
import io.strata.core.store.InMemoryObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules a refresh outside the query API reads from the lake's rule files. */
class ReportRulesTest {

  private static final Path DATASETS = Path.of("../../datasets");

  @TempDir Path dir;

  @Test
  void readsTheContractsThePolicyAndTheReportsOfTheRuleFiles() throws IOException {
    copyDatasets();

    ReportRules rules = read();

    assertThat(rules.contracts()).containsOnlyKeys("bank_transactions", "telecom_usage");
    assertThat(rules.reports())
        .containsOnlyKeys("balance_by_currency", "daily_balance", "usage_by_day");
    assertThat(rules.rolesOf(rules.reports().get("balance_by_currency")))
        .extracting(RoleGrant::name)
        .containsExactlyInAnyOrder("analyst", "admin");
  }

  @Test
  void aBrokenReportIsSetAsideAndTheOthersAreKept() throws IOException {
    copyDatasets();
    write("reports/broken.sql", "-- materialize: every_full_moon\nSELECT 1 FROM {{nowhere}}\n");

    ReportRules rules = read();

    assertThat(rules.reports())
        .containsOnlyKeys("balance_by_currency", "daily_balance", "usage_by_day");
  }

  @Test
  void aReportReadingADatasetWhoseContractIsBrokenIsSetAside() throws IOException {
    copyDatasets();
    write("telecom_usage.yaml", "dataset: telecom_usage\nfields: [unclosed\n");
    write(
        "access.yaml",
        """
        roles:
          analyst:
            datasets:
              bank_transactions: {}
            reports: [balance_by_currency]
        """);

    ReportRules rules = read();

    assertThat(rules.contracts()).containsOnlyKeys("bank_transactions");
    assertThat(rules.reports()).containsOnlyKeys("balance_by_currency", "daily_balance");
  }

  @Test
  void aBrokenAccessPolicyRefusesTheWholeReadNamingTheFile() throws IOException {
    copyDatasets();
    write("access.yaml", "roles:\n  analyst:\n    datasets:\n      no_such_dataset: {}\n");

    assertThatThrownBy(this::read)
        .isInstanceOf(AccessPolicyException.class)
        .hasMessageContaining("access.yaml")
        .hasMessageContaining("no_such_dataset");
  }

  private ReportRules read() {
    return ReportRules.read(
        new DirectoryContractRepository(dir),
        new RuleFiles(
            new InMemoryObjectStore(),
            Location.parse(dir.resolve("access.yaml").toString()),
            Location.parse(dir.resolve("reports").toString())));
  }

  private void copyDatasets() throws IOException {
    try (Stream<Path> files = Files.walk(DATASETS)) {
      for (Path file : files.toList()) {
        Path target = dir.resolve(DATASETS.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
