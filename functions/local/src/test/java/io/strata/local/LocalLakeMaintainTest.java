package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.JdbcCatalogs;
import io.strata.core.table.ObjectStoreFileIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --maintain}: one pass of compaction and retention over the lake's tables, then exit. */
@QuarkusMainTest
@TestProfile(MaintainLakeProfile.class)
class LocalLakeMaintainTest {

  private static final int DROPS = 6;

  @BeforeAll
  static void dropFiles() throws Exception {
    Path raw = MaintainLakeProfile.DATA_DIR.resolve("strata-raw/bank_transactions");
    Files.createDirectories(raw);
    Path sample = Path.of("../../events/raw/bank_transactions/transactions-2024-01-15.csv");
    for (int i = 0; i < DROPS; i++) {
      Files.copy(sample, raw.resolve("transactions-" + i + ".csv"));
    }
  }

  @Test
  void compactsTheSmallFilesOfEachPartitionAndExpiresNothingWithoutARetention(
      QuarkusMainLauncher launcher) throws Exception {
    String dataDir = MaintainLakeProfile.DATA_DIR.toString();
    assertThat(launcher.launch("--once", "--data-dir", dataDir).exitCode()).isZero();
    List<String> before = currentFiles();
    int snapshotsBefore = snapshotCount();

    LaunchResult result = launcher.launch("--maintain", "--data-dir", dataDir);

    assertThat(result.exitCode()).isZero();
    List<String> after = currentFiles();
    assertThat(before).hasSizeGreaterThanOrEqualTo(DROPS);
    assertThat(after).hasSizeLessThan(before.size()).allMatch(f -> f.contains("/compacted-"));
    assertThat(result.getOutput())
        .contains("strata.bank_transactions: " + before.size() + " files -> " + after.size() + " (")
        .contains((snapshotsBefore + 1) + " snapshots kept (no retention)")
        .contains("strata_current.bank_transactions: ")
        .contains("strata_reports.balance_by_currency__analyst: ")
        .contains("Maintained 4 tables");
  }

  private static List<String> currentFiles() throws Exception {
    try (JdbcCatalog catalog = catalog()) {
      Table table = catalog.loadTable(TableIdentifier.of("strata", "bank_transactions"));
      return HistorySnapshot.of(table, null).orElseThrow().dataFiles();
    }
  }

  private static int snapshotCount() throws Exception {
    try (JdbcCatalog catalog = catalog()) {
      Table table = catalog.loadTable(TableIdentifier.of("strata", "bank_transactions"));
      int count = 0;
      for (var ignored : table.snapshots()) {
        count++;
      }
      return count;
    }
  }

  /** The lake's own catalog, opened while no lake runs on it. */
  private static JdbcCatalog catalog() {
    return JdbcCatalogs.h2File(
        MaintainLakeProfile.DATA_DIR.resolve(".strata/catalog"),
        "strata",
        new ObjectStoreFileIO(new FileSystemObjectStore(MaintainLakeProfile.DATA_DIR)));
  }
}
