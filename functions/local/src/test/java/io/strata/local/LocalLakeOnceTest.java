package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.JdbcCatalogs;
import io.strata.core.table.ObjectStoreFileIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
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
  void ingestsEverythingWaitingCommitsItToTheIcebergTablesAndExits(LaunchResult result)
      throws Exception {
    assertThat(result.exitCode()).isZero();
    assertThat(result.getOutput()).contains("Ingested 3 raw objects: ");
    assertThat(result.getOutput()).contains("committed 2").contains("quarantined 1");
    assertThat(OnceLakeProfile.DATA_DIR.resolve("strata-history/_batches/bank_transactions"))
        .isDirectory();
    assertEachDatasetsTableHasExactlyThePartitionsWritten();
  }

  private static void assertEachDatasetsTableHasExactlyThePartitionsWritten() throws Exception {
    JdbcCatalog catalog =
        JdbcCatalogs.h2File(
            OnceLakeProfile.DATA_DIR.resolve(".strata/catalog").toAbsolutePath().toString(),
            "strata",
            new ObjectStoreFileIO(new FileSystemObjectStore(OnceLakeProfile.DATA_DIR)));

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
