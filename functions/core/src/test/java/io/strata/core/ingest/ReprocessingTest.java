package io.strata.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.ContractException;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.DuckDb;
import io.strata.core.testing.TestCatalogs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators ingest quarantined objects again once they fixed the cause. */
class ReprocessingTest {

  private static final String RAW = "strata-raw";
  private static final String HISTORY = "strata-history";
  private static final String KEY = "bank_transactions/2024/01/15/tx.csv";
  private static final Instant FIRST_SEEN = Instant.parse("2024-01-15T06:00:00Z");
  private static final Instant REDRIVEN = Instant.parse("2024-02-01T09:00:00Z");
  private static final String ROWS =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n"
          + "TX0000000001,DE89370400440532013000,2024-01-15,1.00,EUR,,\n"
          + "TX0000000002,DE89370400440532013000,2024-01-15,2.00,EUR,,\n";

  @TempDir Path lake;
  @TempDir Path contracts;
  private FileSystemObjectStore store;
  private HistoryTables tables;
  private IngestService service;

  @BeforeEach
  void setUp() throws IOException {
    store = new FileSystemObjectStore(lake);
    tables = TestCatalogs.tables(store, HISTORY);
    service = serviceOver(store);
  }

  private IngestService serviceOver(ObjectStore objects) {
    return new IngestService(
        objects,
        // Contracts are looked at on every file here: the tests fix them between two attempts.
        new DirectoryContractRepository(contracts, Duration.ZERO),
        tables,
        IngestSettings.defaults(HISTORY, "key".getBytes(StandardCharsets.UTF_8)),
        Clock.fixed(Instant.parse("2024-02-01T09:00:05Z"), ZoneOffset.UTC));
  }

  @Test
  void commitsAFileQuarantinedForAMissingContractOnceTheContractIsThere() throws Exception {
    // given a file that arrived before its contract
    RawObjectRef raw = drop(ROWS);
    IngestResult quarantined = service.ingest(raw);
    assertThat(quarantined.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    addContract();

    // when an operator reprocesses it (a redrive carries its own time)
    IngestResult result = service.reprocess(redriven(raw));

    // then it is committed as the batch it always was, with its first arrival time
    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(result.batchId()).isEqualTo(quarantined.batchId());
    assertThat(keys("_quarantine/")).isEmpty();
    assertThat(keys("_batches/bank_transactions/")).hasSize(1);
    assertThat(
            DuckDb.query(
                "SELECT count(*), min(_ingested_at) = TIMESTAMPTZ '"
                    + FIRST_SEEN
                    + "' FROM read_parquet('"
                    + lake.resolve(HISTORY).resolve("bank_transactions")
                    + "/**/*.parquet', hive_partitioning = true)"))
        .containsExactly("2|true");
  }

  @Test
  void quarantinesAgainWithANewReportWhileTheFileIsStillRefused() throws Exception {
    RawObjectRef raw = drop(ROWS);
    String reportKey = "_quarantine/bank_transactions/" + service.ingest(raw).batchId();

    IngestResult result = service.reprocess(redriven(raw));

    assertThat(result.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(keys("_quarantine/"))
        .containsExactly(reportKey + "/report.json", reportKey + "/source/tx.csv");
    assertThat(keys("_batches/")).isEmpty();
  }

  @Test
  void neverIngestsACommittedBatchAgain() throws Exception {
    addContract();
    RawObjectRef raw = drop(ROWS);
    assertThat(service.ingest(raw).outcome()).isEqualTo(IngestOutcome.COMMITTED);
    List<ObjectInfo> before = store.list(HISTORY, "");

    IngestResult result = service.reprocess(redriven(raw));

    assertThat(result.outcome()).isEqualTo(IngestOutcome.ALREADY_PROCESSED);
    assertThat(store.list(HISTORY, "")).isEqualTo(before);
  }

  @Test
  void neverAppendsABatchATableSnapshotHoldsWhenItsManifestIsMissing() throws Exception {
    // given: the commit landed, the manifest did not (a crash between the two)
    addContract();
    RawObjectRef raw = drop(ROWS);
    assertThatThrownBy(() -> serviceOver(new CrashBeforeManifestStore(store)).ingest(raw))
        .isInstanceOf(ObjectStoreException.class);
    assertThat(tables.load("bank_transactions").orElseThrow().snapshots()).hasSize(1);

    // when an operator reprocesses it
    IngestResult result = service.reprocess(redriven(raw));

    // then the snapshot's batch only gets its manifest: no second append
    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(tables.load("bank_transactions").orElseThrow().snapshots()).hasSize(1);
    assertThat(keys("_batches/"))
        .containsExactly("_batches/bank_transactions/" + result.batchId() + ".json");
  }

  @Test
  void leavesTheQuarantineAsItWasWhenTheObjectWasReplacedSince() throws Exception {
    RawObjectRef raw = drop(ROWS);
    service.ingest(raw);
    List<ObjectInfo> quarantine = store.list(HISTORY, "_quarantine/");
    addContract();
    drop(ROWS + "TX0000000003,DE89370400440532013000,2024-01-15,3.00,EUR,,\n");

    IngestResult result = service.reprocess(redriven(raw));

    assertThat(result.outcome()).isEqualTo(IngestOutcome.IGNORED);
    assertThat(result.reason()).startsWith("superseded: the object was replaced or deleted");
    assertThat(store.list(HISTORY, "_quarantine/")).isEqualTo(quarantine);
    assertThat(keys("_batches/")).isEmpty();
  }

  @Test
  void putsTheReportBackWhenTheAttemptFails() throws Exception {
    RawObjectRef raw = drop(ROWS);
    IngestResult quarantined = service.ingest(raw);
    Files.writeString(contracts.resolve("bank_transactions.yaml"), "name: [broken\n");

    assertThatThrownBy(() -> service.reprocess(redriven(raw)))
        .isInstanceOf(ContractException.class);

    assertThat(keys("_quarantine/"))
        .contains("_quarantine/bank_transactions/" + quarantined.batchId() + "/report.json");
  }

  @Test
  void anAttemptCutShortLeavesTheReportAsideAndTheNextReprocessFinishesIt() throws Exception {
    // given a quarantined file, and a reprocess killed while it reads the raw object (a Lambda
    // timeout or a killed process: no code of ours runs after it)
    RawObjectRef raw = drop(ROWS);
    IngestResult quarantined = service.ingest(raw);
    String folder = "_quarantine/bank_transactions/" + quarantined.batchId() + "/";
    addContract();
    IngestService killed =
        serviceOver(
            new ForwardingObjectStore(store) {
              @Override
              public InputStream open(String bucket, String key) {
                if (bucket.equals(RAW)) {
                  throw new ProcessKilled();
                }
                return super.open(bucket, key);
              }
            });

    assertThatThrownBy(() -> killed.reprocess(redriven(raw))).isInstanceOf(ProcessKilled.class);

    // then the report waits aside, so the quarantine is still found
    assertThat(keys(folder))
        .containsExactly(folder + "report.reprocessing.json", folder + "source/tx.csv");

    // and the next reprocess takes it from there and commits the batch
    IngestResult result = service.reprocess(redriven(raw));
    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(keys("_quarantine/")).isEmpty();
  }

  @Test
  void aFileQuarantinedAgainKeepsOnlyItsNewReport() throws Exception {
    RawObjectRef raw = drop(ROWS);
    String folder = "_quarantine/bank_transactions/" + service.ingest(raw).batchId() + "/";

    assertThat(service.reprocess(redriven(raw)).outcome()).isEqualTo(IngestOutcome.QUARANTINED);

    assertThat(keys(folder)).containsExactly(folder + "report.json", folder + "source/tx.csv");
  }

  /** What a killed process looks like to the code that was running: nothing it can catch. */
  private static final class ProcessKilled extends Error {
    ProcessKilled() {
      super("process killed");
    }
  }

  @Test
  void ingestsAnObjectNeverSeenBeforeAsOnArrival() throws Exception {
    addContract();
    RawObjectRef raw = drop(ROWS);

    assertThat(service.reprocess(raw).outcome()).isEqualTo(IngestOutcome.COMMITTED);
  }

  // --- helpers ---

  private RawObjectRef drop(String content) throws IOException {
    store.put(RAW, KEY, content.getBytes(StandardCharsets.UTF_8), "text/csv");
    Files.setLastModifiedTime(lake.resolve(RAW).resolve(KEY), FileTime.from(FIRST_SEEN));
    ObjectInfo info = store.head(RAW, KEY).orElseThrow();
    return new RawObjectRef(RAW, KEY, null, info.eTag(), info.size(), FIRST_SEEN);
  }

  /** The event an operator sends to reprocess: same object version, the redrive's own time. */
  private static RawObjectRef redriven(RawObjectRef raw) {
    return new RawObjectRef(raw.bucket(), raw.key(), null, raw.eTag(), raw.size(), REDRIVEN);
  }

  private void addContract() throws IOException {
    Files.copy(
        Path.of("../../datasets/bank_transactions.yaml"),
        contracts.resolve("bank_transactions.yaml"));
  }

  private List<String> keys(String prefix) {
    return store.list(HISTORY, prefix).stream().map(ObjectInfo::key).toList();
  }
}
