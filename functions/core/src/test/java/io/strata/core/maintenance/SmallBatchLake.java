package io.strata.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.IngestSettings;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.DuckDb;
import io.strata.core.testing.TestCatalogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;

/**
 * A lake of many small {@code bank_transactions} batches over two days, ingested by the real ingest
 * service into an Iceberg table, with its snapshots read back through DuckDB over the files each
 * snapshot plans, lineage columns included.
 */
final class SmallBatchLake {

  static final String RAW = "strata-raw";
  static final String HISTORY = "strata-history";
  static final String DATASET = "bank_transactions";

  private final Path root;
  private final ObjectStore store;
  final Catalog catalog;
  final HistoryTables tables;
  private final IngestService ingest;
  private long lastCommitMillis;

  /**
   * @param store the objects of the lake at {@code root}; {@code catalogStore} is what the catalog
   *     writes table files through (the same store, or one that intervenes)
   */
  SmallBatchLake(Path root, ObjectStore store, ObjectStore catalogStore) {
    this.root = root;
    this.store = store;
    this.catalog = TestCatalogs.inMemory(catalogStore);
    this.tables = new HistoryTables(catalog, TestCatalogs.DATABASE, HISTORY, CommitRetry.DEFAULT);
    this.ingest =
        new IngestService(
            store,
            new DirectoryContractRepository(Path.of("../../datasets")),
            tables,
            IngestSettings.defaults(HISTORY, "k".getBytes(StandardCharsets.UTF_8)),
            Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC));
  }

  /** Drops batch {@code n} of {@code rows} rows over two days and ingests it. */
  RawObjectRef drop(int n, int rows) {
    StringBuilder csv =
        new StringBuilder(
            "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n");
    for (int i = 0; i < rows; i++) {
      long id = n * 100_000L + i;
      csv.append(String.format("TX%010d", id))
          .append(",DE89370400440532013000,2024-01-1")
          .append(4 + i % 2)
          .append(',')
          .append(i % 997)
          .append('.')
          .append(String.format("%02d", i % 100))
          .append(",EUR,")
          .append(i % 3 == 0 ? "" : "Shop " + (i % 50))
          .append(',')
          .append(i % 2 == 0 ? "POS" : "ONLINE")
          .append('\n');
    }
    String key = DATASET + "/batch-" + n + ".csv";
    store.put(RAW, key, csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    return new RawObjectRef(
        RAW, key, null, info.eTag(), info.size(), Instant.parse("2024-01-15T06:00:00Z"));
  }

  /** Ingests the raw object; the next commit lands at a later millisecond than this one. */
  IngestResult ingest(RawObjectRef raw) {
    IngestResult result = ingest.ingest(raw);
    Snapshot current = table().currentSnapshot();
    if (current != null && current.timestampMillis() > lastCommitMillis) {
      lastCommitMillis = current.timestampMillis();
      await().until(() -> System.currentTimeMillis() > lastCommitMillis + 2);
    }
    return result;
  }

  /** Drops and ingests {@code batches} batches numbered from {@code from}. */
  void ingestBatches(int from, int batches, int rows) {
    for (int n = from; n < from + batches; n++) {
      assertThat(ingest(drop(n, rows)).outcome()).isEqualTo(IngestOutcome.COMMITTED);
    }
  }

  Table table() {
    return tables.load(DATASET).orElseThrow();
  }

  /** Every row the snapshot plans, every column (lineage included), in one total order. */
  List<String> rows(Table table, Snapshot snapshot) throws SQLException {
    List<String> files = new HistorySnapshot(table, snapshot, null).dataFiles();
    String list =
        files.stream().map(f -> "'" + local(f) + "'").collect(Collectors.joining(", ", "[", "]"));
    return DuckDb.query(
        "SELECT * FROM read_parquet("
            + list
            + ", hive_partitioning=false, union_by_name=true) ORDER BY ALL");
  }

  /** Every snapshot's rows, in snapshot order. */
  List<List<String>> everySnapshotsRows(Table table) throws SQLException {
    List<List<String>> answers = new ArrayList<>();
    for (Snapshot snapshot : table.snapshots()) {
      answers.add(rows(table, snapshot));
    }
    return answers;
  }

  /** The file on disk of an {@code s3://bucket/key} location. */
  Path local(String location) {
    return root.resolve(location.substring("s3://".length()));
  }

  static int dataFiles(Table table) {
    return new HistorySnapshot(table, table.currentSnapshot(), null).dataFiles().size();
  }
}
