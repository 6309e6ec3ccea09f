package io.strata.aws.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.contract.HistoryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tables a pass maintains, and whose retention each follows. */
class LakeMaintainerTest {

  private static final String CONTRACT =
      """
      name: %s
      version: 1
      format: csv
      columns:
        - name: id
          type: string
      """;

  @TempDir Path datasets;
  private LakeMaintainer maintainer;

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(
        datasets.resolve("orders.yaml"),
        CONTRACT.formatted("orders") + "history:\n  retention: P400D\n");
    Files.writeString(datasets.resolve("clicks.yaml"), CONTRACT.formatted("clicks"));
    Files.writeString(
        datasets.resolve("broken.yaml"),
        CONTRACT.formatted("broken") + "history:\n  retention: forever\n");
    maintainer =
        new LakeMaintainer(
            "lake",
            new DirectoryContractRepository(datasets),
            policies -> {
              throw new AssertionError("no pass in these tests");
            });
  }

  @Test
  void maintainsTheHistoryNamespaceAndItsCurrentAndReportsNamespaces() {
    assertThat(maintainer.namespaces())
        .containsExactly(
            Namespace.of("lake"), Namespace.of("lake_current"), Namespace.of("lake_reports"));
  }

  @Test
  void historyAndCurrentTablesFollowTheirDatasetsRetention() {
    assertThat(maintainer.policy(TableIdentifier.of("lake", "orders")))
        .isEqualTo(new HistoryPolicy("P400D"));
    assertThat(maintainer.policy(TableIdentifier.of("lake_current", "orders")))
        .isEqualTo(new HistoryPolicy("P400D"));
    assertThat(maintainer.policy(TableIdentifier.of("lake", "clicks")))
        .isEqualTo(HistoryPolicy.FOREVER);
  }

  @Test
  void keepsEverythingWhereNoReadableContractSaysOtherwise() {
    assertThat(maintainer.policy(TableIdentifier.of("lake_reports", "orders__analyst")))
        .isEqualTo(HistoryPolicy.FOREVER);
    assertThat(maintainer.policy(TableIdentifier.of("lake", "gone")))
        .isEqualTo(HistoryPolicy.FOREVER);
    assertThat(maintainer.policy(TableIdentifier.of("lake", "broken")))
        .isEqualTo(HistoryPolicy.FOREVER);
    assertThat(maintainer.policy(TableIdentifier.of("other", "orders")))
        .isEqualTo(HistoryPolicy.FOREVER);
  }
}
