package io.strata.core.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.history.HistorySettings;
import io.strata.core.parse.ParseLimits;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.DuckDb;
import io.strata.core.testing.TestCatalogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestServiceTest {

  private static final String RAW = "strata-raw";
  private static final String HISTORY = "strata-history";
  private static final Instant ARRIVED = Instant.parse("2024-01-15T06:00:00Z");
  private static final byte[] HASH_KEY = "test-hash-key".getBytes(StandardCharsets.UTF_8);
  private static final String BANK_HEADER =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n";

  @TempDir Path lake;
  private HistoryTables tables;
  private FileSystemObjectStore store;
  private IngestService service;

  @BeforeEach
  void setUp() {
    store = new FileSystemObjectStore(lake);
    tables = TestCatalogs.tables(store, HISTORY);
    service = serviceOver(store);
  }

  private IngestService serviceOver(ObjectStore objects) {
    return serviceOver(objects, IngestSettings.defaults(HISTORY, HASH_KEY));
  }

  private IngestService serviceOver(ObjectStore objects, IngestSettings settings) {
    return new IngestService(
        objects,
        new DirectoryContractRepository(Path.of("../../datasets")),
        tables,
        settings,
        Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC));
  }

  @Test
  void commitsValidCsvAsPartitionedParquetWithMaskedIbanLineageAndManifest() throws Exception {
    // given
    RawObjectRef raw =
        drop(
            "bank_transactions/2024/01/15/tx.csv",
            BANK_HEADER
                + "TX0000000001,DE89370400440532013000,2024-01-14,12.50,EUR,Bakery Ltd,POS\n"
                + "TX0000000002,GB29NWBK60161331926819,2024-01-15,-100.00,GBP,,ONLINE\n"
                + "TX0000000003,FR1420041010050500013M02606,2024-01-15,7,USD,Cafe,\n");

    // when
    IngestResult result = service.ingest(raw);

    // then
    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(result.rowsAccepted()).isEqualTo(3);
    assertThat(result.rowsRejected()).isZero();
    assertThat(result.filesWritten()).isEqualTo(2);
    String batch = result.batchId();
    assertThat(keys(HISTORY, "bank_transactions/data/"))
        .containsExactly(
            "bank_transactions/data/booking_date=2024-01-14/" + batch + "-0.parquet",
            "bank_transactions/data/booking_date=2024-01-15/" + batch + "-0.parquet");
    List<String> rows =
        DuckDb.query(
            "SELECT transaction_id, account_iban, CAST(booking_date AS VARCHAR), amount, currency,"
                + " counterparty, channel, _batch_id, CAST(_ingested_at AS VARCHAR), _source_key, _source_line FROM"
                + " read_parquet('"
                + lake.resolve(HISTORY).resolve("bank_transactions")
                + "/**/*.parquet', hive_partitioning=false) ORDER BY transaction_id");
    assertThat(rows)
        .containsExactly(
            "TX0000000001|******************3000|2024-01-14|12.50|EUR|Bakery Ltd|POS|"
                + batch
                + "|2024-01-15 06:00:00+00|bank_transactions/2024/01/15/tx.csv|2",
            "TX0000000002|******************6819|2024-01-15|-100.00|GBP|null|ONLINE|"
                + batch
                + "|2024-01-15 06:00:00+00|bank_transactions/2024/01/15/tx.csv|3",
            "TX0000000003|***********************2606|2024-01-15|7.00|USD|Cafe|null|"
                + batch
                + "|2024-01-15 06:00:00+00|bank_transactions/2024/01/15/tx.csv|4");
    String manifestText =
        new String(read(HISTORY, "_batches/bank_transactions/" + batch + ".json"), UTF_8);
    assertThat(manifestText).startsWith("{\"dataset\":\"bank_transactions\",").endsWith("}\n");
    assertThat(manifestText.lines()).hasSize(1);
    JsonNode manifest = json(HISTORY, "_batches/bank_transactions/" + batch + ".json");
    assertThat(manifest.get("rowsAccepted").asLong()).isEqualTo(3);
    assertThat(manifest.get("rowsRejected").asLong()).isZero();
    assertThat(manifest.get("contractVersion").asInt()).isEqualTo(1);
    assertThat(manifest.get("source").asText())
        .isEqualTo("s3://strata-raw/bank_transactions/2024/01/15/tx.csv");
    assertThat(manifest.get("partitions").toString())
        .isEqualTo("[\"booking_date=2024-01-14\",\"booking_date=2024-01-15\"]");
    assertThat(manifest.get("files")).hasSize(2);
    assertThat(manifest.get("rejectsFile").isNull()).isTrue();
  }

  @Test
  void keepsTheRawObjectUntouched() {
    RawObjectRef raw = drop("bank_transactions/tx.csv", BANK_HEADER + "broken\n");
    ObjectInfo before = store.head(RAW, raw.key()).orElseThrow();

    service.ingest(raw);

    assertThat(store.head(RAW, raw.key()).orElseThrow().eTag()).isEqualTo(before.eTag());
  }

  @Test
  void commitsWithinOnePercentAndWritesTheRejectsBesideTheBatch() throws Exception {
    StringBuilder csv = new StringBuilder(BANK_HEADER);
    for (int i = 1; i <= 150; i++) {
      String amount = i == 77 ? "12.5O" : "1.00";
      csv.append(String.format("TX%010d,DE89370400440532013000,2024-01-15,%s,EUR,,\n", i, amount));
    }
    RawObjectRef raw = drop("bank_transactions/tx.csv", csv.toString());

    IngestResult result = service.ingest(raw);

    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(result.rowsAccepted()).isEqualTo(149);
    assertThat(result.rowsRejected()).isEqualTo(1);
    String rejectsKey = "_batches/bank_transactions/" + result.batchId() + ".rejects.jsonl";
    assertThat(
            json(HISTORY, "_batches/bank_transactions/" + result.batchId() + ".json")
                .get("rejectsFile")
                .asText())
        .isEqualTo(rejectsKey);
    JsonNode reject = LakeJson.mapper().readTree(read(HISTORY, rejectsKey));
    assertThat(reject.get("line").asLong()).isEqualTo(78);
    assertThat(reject.get("column").asText()).isEqualTo("amount");
    assertThat(reject.get("rule").asText()).isEqualTo("type");
    assertThat(reject.get("value").asText()).isEqualTo("12.5O");
    assertThat(count(HISTORY, "bank_transactions")).isEqualTo(149);
  }

  @Test
  void quarantinesFileOverTheErrorPolicyWithAReadableReportAndNoHistory() throws Exception {
    StringBuilder csv = new StringBuilder(BANK_HEADER);
    for (int i = 1; i <= 10; i++) {
      String currency = i <= 3 ? "CHF" : "EUR";
      csv.append(
          String.format("TX%010d,DE89370400440532013000,2024-01-15,1.00,%s,,\n", i, currency));
    }
    RawObjectRef raw = drop("bank_transactions/drop/tx.csv", csv.toString());

    IngestResult result = service.ingest(raw);

    assertThat(result.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(result.rowsRejected()).isEqualTo(3);
    assertThat(result.reason())
        .isEqualTo(
            "Quarantined s3://strata-raw/bank_transactions/drop/tx.csv: 3 of 10 rows (30.0%)"
                + " broke the contract, the policy allows at most 1%. Most common: currency"
                + " allowed (3).");
    String prefix = "_quarantine/bank_transactions/" + result.batchId() + "/";
    assertThat(keys(HISTORY, "").stream().filter(k -> !k.contains("/metadata/")))
        .containsExactly(prefix + "report.json", prefix + "source/tx.csv");
    assertThat(read(HISTORY, prefix + "source/tx.csv")).isEqualTo(read(RAW, raw.key()));
    JsonNode report = json(HISTORY, prefix + "report.json");
    assertThat(report.get("reason").asText()).isEqualTo("error_policy");
    assertThat(report.get("rowsRead").asLong()).isEqualTo(10);
    assertThat(report.get("errors")).hasSize(3);
    JsonNode first = report.get("errors").get(0);
    assertThat(first.get("line").asLong()).isEqualTo(2);
    assertThat(first.get("column").asText()).isEqualTo("currency");
    assertThat(first.get("rule").asText()).isEqualTo("allowed");
    assertThat(first.get("value").asText()).isEqualTo("CHF");
  }

  @Test
  void quarantinesFileWhoseHeaderMissesARequiredColumn() throws Exception {
    RawObjectRef raw =
        drop(
            "bank_transactions/tx.csv",
            "transaction_id,booking_date,amount,currency\nTX0000000001,2024-01-15,1.00,EUR\n");

    IngestResult result = service.ingest(raw);

    assertThat(result.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    JsonNode report =
        json(HISTORY, "_quarantine/bank_transactions/" + result.batchId() + "/report.json");
    assertThat(report.get("reason").asText()).isEqualTo("missing_column");
    assertThat(report.get("summary").asText()).contains("account_iban");
    assertThat(keys(HISTORY, "bank_transactions/data/")).isEmpty();
  }

  @Test
  void rejectsARepeatedBusinessKey() throws Exception {
    RawObjectRef raw =
        drop(
            "bank_transactions/tx.csv",
            BANK_HEADER
                + "TX0000000001,DE89370400440532013000,2024-01-15,1.00,EUR,,\n"
                + "TX0000000001,DE89370400440532013000,2024-01-15,2.00,EUR,,\n");

    IngestResult result = service.ingest(raw);

    assertThat(result.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    JsonNode error =
        json(HISTORY, "_quarantine/bank_transactions/" + result.batchId() + "/report.json")
            .get("errors")
            .get(0);
    assertThat(error.get("line").asLong()).isEqualTo(3);
    assertThat(error.get("rule").asText()).isEqualTo("unique_key");
    assertThat(error.get("message").asText())
        .isEqualTo(
            "transaction_id: 'TX0000000001' repeats a business key seen earlier in the file");
  }

  @Test
  void commitsGzippedJsonLinesPartitionedByUtcDayWithHashedSubscriber() throws Exception {
    String jsonl =
        "{\"event_id\":\"e1\",\"subscriber_id\":\"491701234567\",\"event_type\":\"call\","
            + "\"event_time\":\"2024-01-15T01:30:00+02:00\",\"duration_s\":60,\"cell_id\":\"C1\"}\n"
            + "{\"event_id\":\"e2\",\"subscriber_id\":\"491701234567\",\"event_type\":\"data\","
            + "\"event_time\":\"2024-01-15T08:00:00Z\",\"bytes\":1048576,\"cell_id\":\"C2\"}\n";
    RawObjectRef raw = drop("telecom_usage/usage.jsonl.gz", gzip(jsonl));

    IngestResult result = service.ingest(raw);

    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(keys(HISTORY, "telecom_usage/data/"))
        .containsExactly(
            "telecom_usage/data/event_date=2024-01-14/" + result.batchId() + "-0.parquet",
            "telecom_usage/data/event_date=2024-01-15/" + result.batchId() + "-0.parquet");
    List<String> rows =
        DuckDb.query(
            "SELECT event_id, subscriber_id, CAST(CAST(event_time AS DATE) AS VARCHAR), duration_s, bytes FROM"
                + " read_parquet('"
                + lake.resolve(HISTORY).resolve("telecom_usage")
                + "/**/*.parquet', hive_partitioning=false) ORDER BY event_id");
    String hashed = rows.get(0).split("\\|")[1];
    assertThat(hashed).matches("[0-9a-f]{64}").isNotEqualTo("491701234567");
    assertThat(rows)
        .containsExactly(
            "e1|" + hashed + "|2024-01-14|60|null", "e2|" + hashed + "|2024-01-15|null|1048576");
  }

  @Test
  void quarantinesAStrictFileOnItsOnlyBadRow() {
    String jsonl =
        "{\"event_id\":\"e1\",\"subscriber_id\":\"s\",\"event_type\":\"call\","
            + "\"event_time\":\"2024-01-15T01:30:00Z\",\"cell_id\":\"C1\"}\n"
            + "{\"event_id\":\"e2\",\"subscriber_id\":\"s\",\"event_type\":\"fax\","
            + "\"event_time\":\"2024-01-15T01:30:00Z\",\"cell_id\":\"C1\"}\n";
    RawObjectRef raw = drop("telecom_usage/usage.jsonl", jsonl);

    IngestResult result = service.ingest(raw);

    assertThat(result.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(result.reason())
        .isEqualTo(
            "Quarantined s3://strata-raw/telecom_usage/usage.jsonl: 1 of 2 rows (50.0%) broke"
                + " the contract, the policy allows no rejected rows. Most common: event_type"
                + " allowed (1).");
    assertThat(keys(HISTORY, "telecom_usage/data/")).isEmpty();
  }

  @Test
  void quarantinesAFileOfAnUnknownDataset() throws Exception {
    RawObjectRef raw = drop("crm_contacts/contacts.csv", "id\n1\n");

    IngestResult result = service.ingest(raw);

    assertThat(result.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(result.reason())
        .isEqualTo(
            "Quarantined s3://strata-raw/crm_contacts/contacts.csv: no contract declares dataset"
                + " 'crm_contacts'.");
    JsonNode report =
        json(HISTORY, "_quarantine/crm_contacts/" + result.batchId() + "/report.json");
    assertThat(report.get("reason").asText()).isEqualTo("unknown_dataset");
  }

  @Test
  void keepsTheReportWhenTheQuarantinedFileIsItselfNamedReportJson() throws Exception {
    RawObjectRef raw = drop("crm_contacts/report.json", "{\"not\": \"a report\"}\n");

    IngestResult result = service.ingest(raw);

    String prefix = "_quarantine/crm_contacts/" + result.batchId() + "/";
    assertThat(json(HISTORY, prefix + "report.json").get("reason").asText())
        .isEqualTo("unknown_dataset");
    assertThat(read(HISTORY, prefix + "source/report.json")).isEqualTo(read(RAW, raw.key()));
  }

  @Test
  void quarantinesAKeyThatNamesNoDataset() {
    RawObjectRef raw = drop("loose-file.csv", "id\n1\n");

    IngestResult result = service.ingest(raw);

    assertThat(result.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(keys(HISTORY, "_quarantine/_unnamed/" + result.batchId() + "/"))
        .containsExactly(
            "_quarantine/_unnamed/" + result.batchId() + "/report.json",
            "_quarantine/_unnamed/" + result.batchId() + "/source/loose-file.csv");
  }

  @Test
  void ignoresFolderMarkersAndKeysStartingWithUnderscore() {
    for (String key : List.of("bank_transactions/", "bank_transactions/_SUCCESS", "_tmp/x.csv")) {
      RawObjectRef raw = new RawObjectRef(RAW, key, null, "etag", 0, ARRIVED);

      assertThat(service.ingest(raw).outcome()).as(key).isEqualTo(IngestOutcome.IGNORED);
    }
    assertThat(keys(HISTORY, "")).isEmpty();
  }

  @Test
  void leavesAnEventWhoseObjectWasReplacedSinceToTheNewVersionsEvent() throws Exception {
    RawObjectRef first =
        drop(
            "bank_transactions/daily.csv",
            BANK_HEADER + "TX0000000001,DE89370400440532013000,2024-01-15,1.00,EUR,,\n");
    RawObjectRef second =
        drop(
            "bank_transactions/daily.csv",
            BANK_HEADER
                + "TX0000000001,DE89370400440532013000,2024-01-15,1.00,EUR,,\n"
                + "TX0000000002,DE89370400440532013000,2024-01-15,2.00,EUR,,\n");

    IngestResult stale = service.ingest(first);
    IngestResult current = service.ingest(second);

    assertThat(stale.outcome()).isEqualTo(IngestOutcome.IGNORED);
    assertThat(stale.reason()).startsWith("superseded: the object was replaced after this event");
    assertThat(current.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(count(HISTORY, "bank_transactions")).isEqualTo(2);
  }

  @Test
  void aDuplicateEventChangesNothing() {
    RawObjectRef raw =
        drop(
            "bank_transactions/tx.csv",
            BANK_HEADER + "TX0000000001,DE89370400440532013000,2024-01-15,1.00,EUR,,\n");
    IngestResult first = service.ingest(raw);
    List<ObjectInfo> before = store.list(HISTORY, "");

    IngestResult second = service.ingest(raw);

    assertThat(second.outcome()).isEqualTo(IngestOutcome.ALREADY_PROCESSED);
    assertThat(second.batchId()).isEqualTo(first.batchId());
    assertThat(store.list(HISTORY, "")).isEqualTo(before);
  }

  @Test
  void aRetryAfterACrashBeforeTheManifestCompletesTheBatch() throws Exception {
    RawObjectRef raw =
        drop(
            "bank_transactions/tx.csv",
            BANK_HEADER
                + "TX0000000001,DE89370400440532013000,2024-01-14,1.00,EUR,,\n"
                + "TX0000000002,DE89370400440532013000,2024-01-15,2.00,EUR,,\n");
    ObjectStore crashing = new CrashBeforeManifestStore(store);
    assertThatThrownBy(() -> serviceOver(crashing).ingest(raw))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageContaining("simulated crash");
    assertThat(keys(HISTORY, "_batches/")).isEmpty();

    IngestResult retry = service.ingest(raw);

    assertThat(retry.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(keys(HISTORY, "_batches/"))
        .containsExactly("_batches/bank_transactions/" + retry.batchId() + ".json");
    assertThat(count(HISTORY, "bank_transactions")).isEqualTo(2);
  }

  @Test
  void aLateDuplicateFindsItsBatchInTheTableAndWritesNoFile() throws Exception {
    RawObjectRef raw =
        drop(
            "bank_transactions/tx.csv",
            BANK_HEADER
                + "TX0000000001,DE89370400440532013000,2024-01-14,1.00,EUR,,\n"
                + "TX0000000002,DE89370400440532013000,2024-01-15,2.00,EUR,,\n");
    IngestSettings oneOpenFile =
        new IngestSettings(
            new LakeLayout(HISTORY),
            ParseLimits.DEFAULT,
            new HistorySettings(1 << 20, 1, 1000),
            HASH_KEY,
            1000);
    IngestResult committed = serviceOver(store, oneOpenFile).ingest(raw);
    List<String> history = keys(HISTORY, "bank_transactions/data/");
    ObjectStore late =
        new LateDuplicateStore(store, "bank_transactions/data/booking_date=2024-01-15/");

    IngestResult duplicate = serviceOver(late, oneOpenFile).ingest(raw);

    assertThat(committed.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(duplicate.outcome()).isEqualTo(IngestOutcome.ALREADY_PROCESSED);
    assertThat(tables.load("bank_transactions").orElseThrow().snapshots()).hasSize(1);
    assertThat(keys(HISTORY, "bank_transactions/data/")).hasSize(2).isEqualTo(history);
    assertThat(count(HISTORY, "bank_transactions")).isEqualTo(2);
  }

  @Test
  void concurrentIngestsOfDifferentFilesOfOneDatasetAllCommit() throws Exception {
    List<RawObjectRef> drops = new ArrayList<>();
    for (int f = 0; f < 6; f++) {
      StringBuilder csv = new StringBuilder(BANK_HEADER);
      for (int i = 0; i < 200; i++) {
        csv.append(
            String.format(
                "TX%010d,DE89370400440532013000,2024-01-%02d,1.00,EUR,,\n",
                f * 1000 + i, 10 + i % 5));
      }
      drops.add(drop("bank_transactions/part-" + f + ".csv", csv.toString()));
    }

    List<IngestResult> results = drops.parallelStream().map(service::ingest).toList();

    assertThat(results).extracting(IngestResult::outcome).containsOnly(IngestOutcome.COMMITTED);
    assertThat(count(HISTORY, "bank_transactions")).isEqualTo(1200);
    assertThat(keys(HISTORY, "_batches/")).hasSize(6);
  }

  // --- helpers ---

  private RawObjectRef drop(String key, String content) {
    return drop(key, content.getBytes(StandardCharsets.UTF_8));
  }

  private RawObjectRef drop(String key, byte[] content) {
    store.put(RAW, key, content, "application/octet-stream");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    return new RawObjectRef(RAW, key, null, info.eTag(), info.size(), ARRIVED);
  }

  private List<String> keys(String bucket, String prefix) {
    return store.list(bucket, prefix).stream().map(ObjectInfo::key).toList();
  }

  private byte[] read(String bucket, String key) throws IOException {
    try (var in = store.open(bucket, key)) {
      return in.readAllBytes();
    }
  }

  private JsonNode json(String bucket, String key) throws IOException {
    return LakeJson.mapper().readTree(read(bucket, key));
  }

  private long count(String bucket, String dataset) throws SQLException {
    return Long.parseLong(
        DuckDb.query(
                "SELECT count(*) FROM read_parquet('"
                    + lake.resolve(bucket).resolve(dataset)
                    + "/**/*.parquet', hive_partitioning=false)")
            .get(0));
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
