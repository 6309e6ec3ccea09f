package io.strata.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.table.BatchCommitter;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.HistoryTables;
import io.strata.core.table.TableException;
import io.strata.core.table.TableSchemas;
import io.strata.core.testing.DuckDb;
import io.strata.core.testing.TestCatalogs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How ingest commits to the dataset's Iceberg table: one snapshot per batch, exactly once. */
class IngestTableTest {

  private static final String RAW = "strata-raw";
  private static final String HISTORY = "strata-history";
  private static final String BANK_HEADER =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n";
  private static final String TWO_DAYS =
      BANK_HEADER
          + "TX0000000001,DE89370400440532013000,2024-01-14,1.00,EUR,,\n"
          + "TX0000000002,DE89370400440532013000,2024-01-15,2.00,EUR,,\n"
          + "TX0000000003,DE89370400440532013000,2024-01-15,3.00,EUR,,\n";

  @TempDir Path lake;
  private final ContractRepository contracts =
      new DirectoryContractRepository(Path.of("../../datasets"));
  private FileSystemObjectStore store;
  private Catalog catalog;
  private HistoryTables tables;

  @BeforeEach
  void setUp() {
    store = new FileSystemObjectStore(lake);
    catalog = TestCatalogs.inMemory(store);
    tables =
        new HistoryTables(
            catalog, TestCatalogs.DATABASE, HISTORY, io.strata.core.table.CommitRetry.DEFAULT);
  }

  private IngestService serviceOver(ObjectStore objects) {
    return new IngestService(
        objects,
        contracts,
        tables,
        IngestSettings.defaults(HISTORY, "k".getBytes(StandardCharsets.UTF_8)),
        Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC));
  }

  @Test
  void commitsTheBatchAsOneSnapshotNamingItsSourceWithFilesAndTheirMetrics() throws Exception {
    // given
    RawObjectRef raw = drop("bank_transactions/tx.csv", TWO_DAYS);

    // when
    IngestResult result = serviceOver(store).ingest(raw);

    // then
    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    Table table = tables.load("bank_transactions").orElseThrow();
    Snapshot snapshot = table.currentSnapshot();
    assertThat(snapshot.operation()).isEqualTo("append");
    assertThat(snapshot.summary())
        .containsEntry(BatchCommitter.BATCH_ID, result.batchId())
        .containsEntry("strata.source", "s3://strata-raw/bank_transactions/tx.csv")
        .containsEntry("strata.source-etag", raw.eTag())
        .containsEntry("strata.contract-version", "1")
        .containsEntry("strata.rows-accepted", "3")
        .containsEntry("added-data-files", "2")
        .containsEntry("added-records", "3");
    List<DataFile> files =
        StreamSupport.stream(snapshot.addedDataFiles(table.io()).spliterator(), false)
            .sorted((a, b) -> a.location().compareTo(b.location()))
            .toList();
    assertThat(files)
        .extracting(DataFile::location)
        .containsExactly(
            "s3://strata-history/bank_transactions/data/booking_date=2024-01-14/"
                + result.batchId()
                + "-0.parquet",
            "s3://strata-history/bank_transactions/data/booking_date=2024-01-15/"
                + result.batchId()
                + "-0.parquet");
    DataFile secondDay = files.get(1);
    int amount = table.schema().findField("amount").fieldId();
    assertThat(secondDay.recordCount()).isEqualTo(2);
    assertThat(secondDay.nullValueCounts()).containsEntry(amount, 0L);
    assertThat(
            Conversions.<java.math.BigDecimal>fromByteBuffer(
                table.schema().findType(amount), secondDay.lowerBounds().get(amount)))
        .isEqualByComparingTo("2.00");
    assertThat(
            Conversions.<java.math.BigDecimal>fromByteBuffer(
                table.schema().findType(amount), secondDay.upperBounds().get(amount)))
        .isEqualByComparingTo("3.00");
    assertThat(secondDay.partition().get(0, Integer.class))
        .isEqualTo((int) java.time.LocalDate.parse("2024-01-15").toEpochDay());
    JsonNode manifest = json("_batches/bank_transactions/" + result.batchId() + ".json");
    assertThat(manifest.get("snapshotId").asLong()).isEqualTo(snapshot.snapshotId());
    assertThat(manifest.get("partitions").toString())
        .isEqualTo("[\"booking_date=2024-01-14\",\"booking_date=2024-01-15\"]");
    assertThat(
            DuckDb.query(
                "SELECT count(*), min(booking_date) FROM read_parquet("
                    + "'"
                    + lake.resolve(HISTORY).resolve("bank_transactions/data")
                    + "/**/*.parquet')"))
        .containsExactly("3|2024-01-14");
  }

  @Test
  void quarantinesAFileWhoseContractTheTableRefusesAndCommitsNothing() throws Exception {
    // given: a table made by a contract that had a column the current one lacks
    Schema current = TableSchemas.schema(contracts.find("bank_transactions").orElseThrow());
    java.util.List<Types.NestedField> columns = new java.util.ArrayList<>(current.columns());
    columns.add(0, Types.NestedField.optional(100, "branch_code", Types.StringType.get()));
    Schema older = new Schema(columns);
    catalog.createTable(
        tables.identifier("bank_transactions"),
        older,
        PartitionSpec.builderFor(older).identity("booking_date").build(),
        tables.location("bank_transactions"),
        java.util.Map.of());
    RawObjectRef raw = drop("bank_transactions/tx.csv", TWO_DAYS);

    // when
    IngestResult result = serviceOver(store).ingest(raw);

    // then
    assertThat(result.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(result.reason())
        .startsWith(
            "Quarantined s3://strata-raw/bank_transactions/tx.csv: Cannot register contract"
                + " bank_transactions v1 in table strata.bank_transactions: ")
        .endsWith(
            "column branch_code of table bank_transactions is missing from contract"
                + " bank_transactions v1: columns are never removed, the history still holds"
                + " them");
    assertThat(
            json("_quarantine/bank_transactions/" + result.batchId() + "/report.json")
                .get("reason")
                .asText())
        .isEqualTo("schema_change");
    assertThat(tables.load("bank_transactions").orElseThrow().currentSnapshot()).isNull();
    assertThat(keys("bank_transactions/data/")).isEmpty();
  }

  @Test
  void aCrashAfterTheCommitIsCompletedByTheRetryWithoutReadingOrAppendingAgain() {
    // given: the commit landed, the manifest did not
    RawObjectRef raw = drop("bank_transactions/tx.csv", TWO_DAYS);
    assertThatThrownBy(() -> serviceOver(new CrashBeforeManifestStore(store)).ingest(raw))
        .isInstanceOf(ObjectStoreException.class);
    Table afterCrash = tables.load("bank_transactions").orElseThrow();
    assertThat(afterCrash.snapshots()).hasSize(1);
    store.delete(RAW, raw.key()); // a retry that read the raw object again would fail

    // when
    IngestResult retry = serviceOver(store).ingest(raw);

    // then
    assertThat(retry.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(retry.rowsAccepted()).isEqualTo(3);
    assertThat(tables.load("bank_transactions").orElseThrow().snapshots()).hasSize(1);
    assertThat(keys("_batches/"))
        .containsExactly("_batches/bank_transactions/" + retry.batchId() + ".json");
    assertThat(serviceOver(store).ingest(raw).outcome()).isEqualTo(IngestOutcome.ALREADY_PROCESSED);
  }

  @Test
  void aCommitTheCatalogRefusesLeavesNothingVisibleAndTheRetryCompletesIt() {
    // given: a store that fails writing table metadata once the table exists
    boolean[] refuse = {false};
    ObjectStore failing =
        new ForwardingObjectStore(store) {
          @Override
          public boolean putIfAbsent(String bucket, String key, byte[] content, String type) {
            refuse(bucket, key);
            return super.putIfAbsent(bucket, key, content, type);
          }

          @Override
          public void put(String bucket, String key, byte[] content, String type) {
            refuse(bucket, key);
            super.put(bucket, key, content, type);
          }

          private void refuse(String bucket, String key) {
            if (refuse[0] && key.startsWith("bank_transactions/metadata/")) {
              throw new ObjectStoreException("Cannot write s3://" + bucket + "/" + key + ": 503");
            }
          }
        };
    HistoryTables refusing =
        new HistoryTables(
            TestCatalogs.inMemory(failing),
            TestCatalogs.DATABASE,
            HISTORY,
            io.strata.core.table.CommitRetry.DEFAULT);
    IngestService service =
        new IngestService(
            failing,
            contracts,
            refusing,
            IngestSettings.defaults(HISTORY, "k".getBytes(StandardCharsets.UTF_8)),
            Clock.systemUTC());
    RawObjectRef raw = drop("bank_transactions/tx.csv", TWO_DAYS);
    refusing.ensure(contracts.find("bank_transactions").orElseThrow());
    refuse[0] = true;

    // when
    assertThatThrownBy(() -> service.ingest(raw))
        .isInstanceOf(TableException.class)
        .hasMessageStartingWith("Cannot commit batch ")
        .hasMessageContaining("503");
    Table afterFailure = refusing.load("bank_transactions").orElseThrow();
    refuse[0] = false;
    IngestResult retry = service.ingest(raw);

    // then
    assertThat(afterFailure.currentSnapshot()).isNull();
    assertThat(retry.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    HistorySnapshot snapshot = refusing.snapshotAt("bank_transactions", null).orElseThrow();
    assertThat(snapshot.table().snapshots()).hasSize(1);
    assertThat(snapshot.dataFiles()).hasSize(2);
  }

  private RawObjectRef drop(String key, String content) {
    store.put(RAW, key, content.getBytes(StandardCharsets.UTF_8), "text/csv");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    return new RawObjectRef(
        RAW, key, null, info.eTag(), info.size(), Instant.parse("2024-01-15T06:00:00Z"));
  }

  private List<String> keys(String prefix) {
    return store.list(HISTORY, prefix).stream().map(ObjectInfo::key).toList();
  }

  private JsonNode json(String key) throws IOException {
    try (InputStream in = store.open(HISTORY, key)) {
      return LakeJson.mapper().readTree(in);
    }
  }
}
