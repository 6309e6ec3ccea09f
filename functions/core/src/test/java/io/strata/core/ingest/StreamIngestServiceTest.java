package io.strata.core.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.quality.BatchProfile;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.DuckDb;
import io.strata.core.testing.TestCatalogs;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamIngestServiceTest {

  private static final String HISTORY = "strata-history";
  private static final String DATASET = "bank_transactions";
  private static final String STREAM = "strata-bank_transactions";
  private static final String SHARD = "shardId-000000000000";
  private static final BigInteger FIRST_SEQUENCE =
      new BigInteger("49590338271490256608559692538361571095921575989136588800");
  private static final Instant ARRIVED = Instant.parse("2024-01-15T06:00:00Z");
  private static final String IBAN = "DE89370400440532013000";

  @TempDir Path lake;
  private FileSystemObjectStore store;
  private HistoryTables tables;
  private StreamIngestService service;

  @BeforeEach
  void setUp() {
    store = new FileSystemObjectStore(lake);
    tables = TestCatalogs.tables(store, HISTORY);
    service = serviceOver(store);
  }

  private StreamIngestService serviceOver(ObjectStore objects) {
    return new StreamIngestService(
        objects,
        new DirectoryContractRepository(Path.of("../../datasets")),
        tables,
        IngestSettings.defaults(HISTORY, "test-hash-key".getBytes(UTF_8)),
        Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC),
        List.of());
  }

  @Test
  void commitsValidRecordsAsOneSnapshotAndQuarantinesPoisonRecordsWithAReport() throws Exception {
    // given
    StreamBatch batch =
        batch(
            0,
            transaction(1, "12.50", "EUR"),
            "{\"transaction_id\": \"TX0000000002\", ",
            transaction(3, "7", "XXX"),
            transaction(4, "-100.00", "GBP"),
            transaction(1, "99.00", "EUR"),
            "\n  {\"transaction_id\": \"TX0000000006\",\n \"account_iban\": \""
                + IBAN
                + "\", \"booking_date\": \"2024-01-15\", \"amount\": 1, \"currency\": \"USD\"}\n");

    // when
    StreamResult result = service.ingest(DATASET, batch);

    // then
    assertThat(result.outcome()).isEqualTo(StreamOutcome.COMMITTED);
    assertThat(result.recordsAccepted()).isEqualTo(3);
    assertThat(result.recordsQuarantined()).isEqualTo(3);
    assertThat(result.batchId()).isEqualTo(StreamBatchId.of(batch));
    Table table = tables.load(DATASET).orElseThrow();
    assertThat(table.snapshots()).hasSize(1);
    Snapshot snapshot = table.currentSnapshot();
    assertThat(snapshot.summary())
        .containsEntry("strata.batch-id", result.batchId())
        .containsEntry("strata.stream.shard", STREAM + "/" + SHARD)
        .containsEntry(
            "strata.stream.last-sequence", FIRST_SEQUENCE.add(BigInteger.valueOf(5)).toString())
        .containsEntry("strata.rows-accepted", "3")
        .containsEntry("strata.rows-rejected", "3");
    assertThat(BatchProfile.fromSummary(snapshot.summary()))
        .hasValueSatisfying(profile -> assertThat(profile.rows()).isEqualTo(3));
    assertThat(
            DuckDb.query(
                "SELECT transaction_id, account_iban, amount, _source_key, _source_line,"
                    + " CAST(_ingested_at AS VARCHAR) FROM read_parquet('"
                    + lake.resolve(HISTORY).resolve(DATASET)
                    + "/**/*.parquet', hive_partitioning=false) ORDER BY transaction_id"))
        .containsExactly(
            "TX0000000001|******************3000|12.50|kinesis:"
                + STREAM
                + "/"
                + SHARD
                + "|1|2024-01-15 06:00:00+00",
            "TX0000000004|******************3000|-100.00|kinesis:"
                + STREAM
                + "/"
                + SHARD
                + "|4|2024-01-15 06:00:00+00",
            "TX0000000006|******************3000|1.00|kinesis:"
                + STREAM
                + "/"
                + SHARD
                + "|6|2024-01-15 06:00:00+00");
    String prefix = "_quarantine/" + DATASET + "/" + result.batchId() + "/";
    String reportText = new String(read(prefix + "report.json"), UTF_8);
    assertThat(reportText).doesNotContain(IBAN);
    JsonNode report = LakeJson.mapper().readTree(reportText);
    assertThat(report.get("reason").asText()).isEqualTo("poison_records");
    assertThat(report.get("summary").asText())
        .startsWith("Quarantined 3 of 6 records of kinesis://" + STREAM + "/" + SHARD + "/");
    List<String> rules = new ArrayList<>();
    List<String> sequences = new ArrayList<>();
    for (JsonNode record : report.get("records")) {
      sequences.add(record.get("sequenceNumber").asText());
      rules.add(record.get("errors").get(0).get("rule").asText());
    }
    assertThat(sequences).containsExactly(sequence(1), sequence(2), sequence(4));
    assertThat(rules).containsExactly("malformed_record", "allowed", "unique_key");
    assertThat(report.get("records").get(0).get("errors").get(0).get("message").asText())
        .startsWith("malformed JSON");
    List<String> kept = new String(read(prefix + "source/records.jsonl"), UTF_8).lines().toList();
    assertThat(kept).hasSize(3);
    assertThat(
            new String(
                Base64.getDecoder()
                    .decode(LakeJson.mapper().readTree(kept.get(0)).get("data").asText()),
                UTF_8))
        .isEqualTo("{\"transaction_id\": \"TX0000000002\", ");
    JsonNode manifest =
        LakeJson.mapper().readTree(read("_batches/" + DATASET + "/" + result.batchId() + ".json"));
    assertThat(manifest.get("rowsAccepted").asLong()).isEqualTo(3);
    assertThat(manifest.get("rejectsFile").asText()).isEqualTo(prefix + "report.json");
  }

  @Test
  void aBatchOfOnlyPoisonRecordsQuarantinesThemAndWritesNoHistoryFile() throws Exception {
    StreamBatch batch =
        batch(0, "{\"transaction_id\": \"TX0000000001\", ", transaction(2, "7", "XXX"));

    StreamResult result = service.ingest(DATASET, batch);

    assertThat(result.recordsAccepted()).isZero();
    assertThat(result.recordsQuarantined()).isEqualTo(2);
    assertThat(store.list(HISTORY, DATASET + "/data/")).isEmpty();
    String prefix = "_quarantine/" + DATASET + "/" + result.batchId() + "/";
    assertThat(LakeJson.mapper().readTree(read(prefix + "report.json")).get("reason").asText())
        .isEqualTo("poison_records");
  }

  @Test
  void redeliveredBatchNeverAppendsTwice() throws Exception {
    // given
    StreamBatch batch = batch(0, transaction(1, "1.00", "EUR"), transaction(2, "2.00", "EUR"));
    StreamResult first = service.ingest(DATASET, batch);

    // when
    StreamResult again = service.ingest(DATASET, batch);

    // then
    assertThat(first.outcome()).isEqualTo(StreamOutcome.COMMITTED);
    assertThat(again.outcome()).isEqualTo(StreamOutcome.ALREADY_PROCESSED);
    assertThat(again.batchId()).isEqualTo(first.batchId());
    assertThat(tables.load(DATASET).orElseThrow().snapshots()).hasSize(1);
    assertThat(rowCount()).isEqualTo(2);
  }

  @Test
  void batchCommittedBeforeACrashGetsItsManifestOnRedeliveryWithoutAppending() throws Exception {
    // given: the commit lands, the manifest write fails
    StreamBatch batch = batch(0, transaction(1, "1.00", "EUR"), transaction(2, "2.00", "EUR"));
    StreamIngestService crashing = serviceOver(new CrashBeforeManifestStore(store));
    assertThatThrownBy(() -> crashing.ingest(DATASET, batch))
        .isInstanceOf(ObjectStoreException.class);

    // when
    StreamResult redelivered = service.ingest(DATASET, batch);

    // then
    assertThat(redelivered.outcome()).isEqualTo(StreamOutcome.ALREADY_PROCESSED);
    assertThat(tables.load(DATASET).orElseThrow().snapshots()).hasSize(1);
    assertThat(store.head(HISTORY, "_batches/" + DATASET + "/" + redelivered.batchId() + ".json"))
        .isPresent();
    assertThat(rowCount()).isEqualTo(2);
  }

  @Test
  void redeliveryCutDifferentlyAppendsOnlyTheRecordsNotYetCommitted() throws Exception {
    // given: records 0..3 committed
    service.ingest(
        DATASET,
        batch(
            0,
            transaction(1, "1.00", "EUR"),
            transaction(2, "2.00", "EUR"),
            transaction(3, "3.00", "EUR"),
            transaction(4, "4.00", "EUR")));

    // when: a batch of records 2..5 (another batch id) arrives
    StreamResult overlapping =
        service.ingest(
            DATASET,
            batch(
                2,
                transaction(3, "3.00", "EUR"),
                transaction(4, "4.00", "EUR"),
                transaction(5, "5.00", "EUR"),
                transaction(6, "6.00", "EUR")));
    StreamResult inside =
        service.ingest(
            DATASET, batch(1, transaction(2, "2.00", "EUR"), transaction(3, "3.00", "EUR")));

    // then
    assertThat(overlapping.outcome()).isEqualTo(StreamOutcome.COMMITTED);
    assertThat(overlapping.recordsSkipped()).isEqualTo(2);
    assertThat(overlapping.recordsAccepted()).isEqualTo(2);
    assertThat(inside.outcome()).isEqualTo(StreamOutcome.ALREADY_PROCESSED);
    assertThat(inside.recordsSkipped()).isEqualTo(2);
    assertThat(tables.load(DATASET).orElseThrow().snapshots()).hasSize(2);
    assertThat(rowCount()).isEqualTo(6);
  }

  @Test
  void recordsOfAStreamWithoutContractGoToQuarantineAndDoNotBlockTheShard() throws Exception {
    // given
    StreamBatch batch = batch(0, "{\"a\": 1}", "{\"a\": 2}");

    // when
    StreamResult result = service.ingest("no_such_dataset", batch);

    // then
    assertThat(result.outcome()).isEqualTo(StreamOutcome.QUARANTINED);
    assertThat(result.recordsQuarantined()).isEqualTo(2);
    JsonNode report =
        LakeJson.mapper()
            .readTree(read("_quarantine/no_such_dataset/" + result.batchId() + "/report.json"));
    assertThat(report.get("reason").asText()).isEqualTo("unknown_dataset");
    assertThat(report.get("summary").asText())
        .isEqualTo(
            "Quarantined " + batch.uri() + ": no contract declares dataset 'no_such_dataset'.");
    assertThat(report.get("records")).hasSize(2);
  }

  @Test
  void infrastructureFailureCommitsNothingAndTheRetryCommitsOnce() throws Exception {
    // given: every history data write fails
    StreamBatch batch = batch(0, transaction(1, "1.00", "EUR"), "not json");
    ObjectStore failing =
        new ForwardingObjectStore(store) {
          @Override
          public io.strata.core.store.ObjectWriter create(
              String bucket, String key, String contentType) {
            throw new ObjectStoreException(
                ObjectStoreException.message("write", bucket, key, "simulated outage"));
          }
        };

    // when
    assertThatThrownBy(() -> serviceOver(failing).ingest(DATASET, batch))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageContaining("simulated outage");
    StreamResult retried = service.ingest(DATASET, batch);

    // then
    assertThat(retried.outcome()).isEqualTo(StreamOutcome.COMMITTED);
    assertThat(retried.recordsQuarantined()).isEqualTo(1);
    assertThat(tables.load(DATASET).orElseThrow().snapshots()).hasSize(1);
    assertThat(rowCount()).isEqualTo(1);
  }

  @Test
  void batchIdDependsOnStreamShardAndSequenceRange() {
    StreamBatch batch = batch(0, "{}", "{}");
    assertThat(StreamBatchId.of(batch))
        .hasSize(24)
        .isEqualTo(StreamBatchId.of(batch(0, "[]", "x")));
    assertThat(StreamBatchId.of(batch)).isNotEqualTo(StreamBatchId.of(batch(1, "{}", "{}")));
    assertThat(StreamBatchId.of(batch))
        .isNotEqualTo(
            StreamBatchId.of(new StreamBatch(STREAM, "shardId-000000000001", batch.records())));
  }

  private long rowCount() throws Exception {
    return Long.parseLong(
        DuckDb.query(
                "SELECT count(*) FROM read_parquet('"
                    + lake.resolve(HISTORY).resolve(DATASET)
                    + "/**/*.parquet', hive_partitioning=false)")
            .get(0));
  }

  private static String transaction(int id, String amount, String currency) {
    return String.format(
        "{\"transaction_id\": \"TX%010d\", \"account_iban\": \"%s\", \"booking_date\":"
            + " \"2024-01-15\", \"amount\": %s, \"currency\": \"%s\", \"channel\": \"POS\"}",
        id, IBAN, amount, currency);
  }

  private static String sequence(int offset) {
    return FIRST_SEQUENCE.add(BigInteger.valueOf(offset)).toString();
  }

  private static StreamBatch batch(int firstOffset, String... payloads) {
    List<StreamRecord> records = new ArrayList<>();
    for (int i = 0; i < payloads.length; i++) {
      records.add(
          new StreamRecord(
              sequence(firstOffset + i), "pk-" + i, ARRIVED, payloads[i].getBytes(UTF_8)));
    }
    return new StreamBatch(STREAM, SHARD, records);
  }

  private byte[] read(String key) throws IOException {
    try (InputStream in = store.open(HISTORY, key)) {
      return in.readAllBytes();
    }
  }
}
