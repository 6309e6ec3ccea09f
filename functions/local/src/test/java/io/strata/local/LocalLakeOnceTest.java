package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
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
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The command line of the local lake and its one-shot modes scripts and CI use: ingest what waits
 * or reprocess what was quarantined, print a summary, exit.
 */
@QuarkusMainTest
@TestProfile(OnceLakeProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
  @Order(1)
  @Launch("--help")
  void helpShowsTheOptionsAndStartsNothing(LaunchResult result) {
    assertThat(result.exitCode()).isZero();
    assertThat(result.getOutput()).startsWith("Usage: strata-local").contains("--reprocess");
    assertThat(result.getOutput()).doesNotContain("Local S3 listening");
  }

  @Test
  @Order(2)
  @Launch(value = "--bogus", exitCode = 2)
  void anUnknownOptionIsRefusedInOneLine(LaunchResult result) {
    assertThat(result.getErrorOutput())
        .isEqualTo("strata-local: Unknown option: '--bogus' (see --help)");
    assertThat(result.getOutput()).doesNotContain("Local S3 listening");
  }

  @Test
  @Order(3)
  void ingestsEverythingWaitingCommitsItToTheIcebergTablesAndExits(QuarkusMainLauncher launcher)
      throws Exception {
    LaunchResult result =
        launcher.launch("--once", "--data-dir", OnceLakeProfile.DATA_DIR.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.getOutput()).contains("Ingested 3 raw objects: ");
    assertThat(result.getOutput()).contains("committed 2").contains("quarantined 1");
    // one log line per file, plus one per table created
    List<String> ingestLines =
        result.getOutput().lines().filter(l -> l.contains("[io.strata.core.")).toList();
    assertThat(ingestLines)
        .filteredOn(l -> l.contains("s3://strata-raw/"))
        .hasSize(3)
        .anySatisfy(l -> assertThat(l).contains("transactions-2024-01-15.csv"))
        .anySatisfy(l -> assertThat(l).contains("transactions-broken.csv"))
        .anySatisfy(l -> assertThat(l).contains("usage-2024-01-15.jsonl"));
    assertThat(ingestLines)
        .filteredOn(l -> l.contains("Materialized report balance_by_currency"))
        .hasSize(2);
    assertThat(ingestLines)
        .filteredOn(
            l ->
                !l.contains("s3://strata-raw/")
                    && !l.contains("Materialized report")
                    && !l.contains("Current table "))
        .extracting(l -> l.substring(l.indexOf(") ") + 2))
        .containsExactly(
            "Created table strata.bank_transactions at s3://strata-history/bank_transactions"
                + " for contract v1",
            "Created current table strata_current.bank_transactions at"
                + " s3://strata-history/_current/bank_transactions",
            "Created table strata.telecom_usage at s3://strata-history/telecom_usage for contract"
                + " v1",
            "Created current table strata_current.telecom_usage at"
                + " s3://strata-history/_current/telecom_usage");
    // each committed batch is followed by its dataset's current table
    assertThat(ingestLines).filteredOn(l -> l.contains("Current table ")).hasSize(2);
    assertThat(OnceLakeProfile.DATA_DIR.resolve("strata-history/_batches/bank_transactions"))
        .isDirectory();
    assertEachDatasetsTableHasExactlyThePartitionsWritten();
  }

  @Test
  @Order(4)
  void reprocessesTheQuarantinedObjectsOfADatasetAndLeavesCommittedOnesAlone(
      QuarkusMainLauncher launcher) throws Exception {
    List<Path> manifests = files("strata-history/_batches");
    List<Long> snapshots = snapshotIds("bank_transactions");
    // an earlier reprocess of the broken drop was cut short: its report waits aside
    List<Path> reports =
        files("strata-history/_quarantine/bank_transactions").stream()
            .filter(p -> p.getFileName().toString().equals("report.json"))
            .toList();
    assertThat(reports).hasSize(1);
    Path aside = reports.get(0).resolveSibling("report.reprocessing.json");
    Files.move(reports.get(0), aside);

    LaunchResult result =
        launcher.launch(
            "--reprocess", "bank_transactions", "--data-dir", OnceLakeProfile.DATA_DIR.toString());

    // the broken drop is still broken: it is quarantined again, and nothing else is ingested
    assertThat(result.exitCode()).isZero();
    assertThat(result.getOutput())
        .contains("Reprocessed 1 quarantined object of bank_transactions: quarantined 1")
        .doesNotContain("Ingested");
    assertThat(files("strata-history/_batches")).isEqualTo(manifests);
    assertThat(snapshotIds("bank_transactions")).isEqualTo(snapshots).hasSize(1);
    assertThat(reports.get(0)).exists();
    assertThat(aside).doesNotExist();
  }

  private static void assertEachDatasetsTableHasExactlyThePartitionsWritten() throws Exception {
    JdbcCatalog catalog = catalog();

    assertThat(catalog.listTables(Namespace.of("strata")))
        .extracting(TableIdentifier::name)
        .containsExactlyInAnyOrder("bank_transactions", "telecom_usage");
    Table bank = catalog.loadTable(TableIdentifier.of("strata", "bank_transactions"));
    assertThat(bank.schema().columns())
        .extracting(c -> c.name() + " " + c.type())
        .containsExactly(
            "transaction_id string",
            "account_iban string",
            "booking_date date",
            "amount decimal(18, 2)",
            "currency string",
            "counterparty string",
            "channel string",
            "_batch_id string",
            "_ingested_at timestamptz",
            "_source_key string",
            "_source_line long");
    assertThat(bank.location()).isEqualTo("s3://strata-history/bank_transactions");
    assertThat(bank.snapshots()).hasSize(1);
    for (String dataset : List.of("bank_transactions", "telecom_usage")) {
      Table table = catalog.loadTable(TableIdentifier.of("strata", dataset));
      assertThat(HistorySnapshot.of(table, null).orElseThrow().dataFiles())
          .containsExactlyInAnyOrderElementsOf(dataFiles(dataset));
    }
    catalog.close();
  }

  /** The lake's own catalog, opened while no lake runs on it. */
  private static JdbcCatalog catalog() {
    return JdbcCatalogs.h2File(
        OnceLakeProfile.DATA_DIR.resolve(".strata/catalog"),
        "strata",
        new ObjectStoreFileIO(new FileSystemObjectStore(OnceLakeProfile.DATA_DIR)));
  }

  private static List<Long> snapshotIds(String dataset) throws Exception {
    try (JdbcCatalog catalog = catalog()) {
      Table table = catalog.loadTable(TableIdentifier.of("strata", dataset));
      return StreamSupport.stream(table.snapshots().spliterator(), false)
          .map(Snapshot::snapshotId)
          .toList();
    }
  }

  private static List<Path> files(String folder) throws Exception {
    try (Stream<Path> files = Files.walk(OnceLakeProfile.DATA_DIR.resolve(folder))) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** The Parquet files ingest wrote under the table's data folder, as s3:// locations. */
  private static List<String> dataFiles(String dataset) throws Exception {
    Path root = OnceLakeProfile.DATA_DIR.resolve("strata-history");
    try (Stream<Path> files = Files.walk(root.resolve(dataset).resolve("data"))) {
      List<String> locations =
          files
              .filter(f -> f.toString().endsWith(".parquet"))
              .map(f -> "s3://strata-history/" + root.relativize(f).toString().replace('\\', '/'))
              .toList();
      assertThat(locations).isNotEmpty();
      return locations;
    }
  }
}
