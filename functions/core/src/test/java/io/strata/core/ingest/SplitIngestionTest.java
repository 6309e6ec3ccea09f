package io.strata.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.strata.core.quality.BatchProfile;
import io.strata.core.quality.ColumnStats;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.table.HistoryTables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.apache.iceberg.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitIngestionTest {

  @TempDir Path root;
  private FileSystemObjectStore store;
  private SplitLakes lakes;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @BeforeEach
  void setUp() {
    store = new FileSystemObjectStore(root);
    lakes = new SplitLakes(root, store);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  @Test
  void csvInManyRangesGivesTheRowsRejectsAndKeyChecksOfTheWholeFile() throws Exception {
    RawObjectRef raw = lakes.drop("bank_transactions/big.csv", BankCsv.generate(7, 1500, 4, 4));

    IngestResult whole = lakes.whole(raw);
    IngestResult split = lakes.split(raw, 1024, pool);

    assertThat(whole.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(whole.rowsRejected()).isPositive();
    assertSameOutcome(split, whole, raw);
    assertThat(lakes.splitTables.load("bank_transactions").orElseThrow().snapshots()).hasSize(1);
    assertThat(split.filesWritten()).isGreaterThan(whole.filesWritten());
    String rejects = rejects(SplitLakes.SPLIT, raw);
    assertThat(rejects).contains("\"rule\":\"unique_key\"").contains("\"rule\":\"allowed\"");
    assertThat(lakes.list(SplitLakes.SPLIT, "_split/")).isEmpty();
  }

  @Test
  void theBatchProfileOfManyRangesIsTheWholeFilesProfile() throws Exception {
    RawObjectRef raw = lakes.drop("bank_transactions/big.csv", BankCsv.generate(5, 2000, 3, 3));

    lakes.whole(raw);
    lakes.split(raw, 2048, pool);

    BatchProfile whole = profile(lakes.wholeTables);
    BatchProfile split = profile(lakes.splitTables);
    assertThat(split.rows()).isEqualTo(whole.rows()).isPositive();
    assertThat(split.columns().keySet()).isEqualTo(whole.columns().keySet());
    for (String column : whole.columns().keySet()) {
      ColumnStats a = split.column(column).orElseThrow();
      ColumnStats b = whole.column(column).orElseThrow();
      assertThat(a.nulls()).as(column).isEqualTo(b.nulls());
      assertThat(a.empties()).as(column).isEqualTo(b.empties());
      assertThat(a.min()).as(column).isEqualTo(b.min());
      assertThat(a.max()).as(column).isEqualTo(b.max());
      assertThat(a.top()).as(column).isEqualTo(b.top());
      // The union of the ranges' sketches has no running (HIP) estimate: within the sketch's error.
      assertThat(a.distinct().doubleValue())
          .as(column)
          .isCloseTo(b.distinct(), within(0.04 * b.distinct() + 1));
      if (b.mean() != null) {
        assertThat(a.mean()).as(column).isCloseTo(b.mean(), within(1e-9));
        assertThat(a.stddev()).as(column).isCloseTo(b.stddev(), within(1e-9));
      }
    }
  }

  @Test
  void aQualityRuleQuarantinesAFileInRangesAsItQuarantinesItWhole() throws Exception {
    // given: a rule on the share of rows without a channel, which half the generated rows lack
    Path contracts = Files.createDirectories(root.resolve("contracts"));
    Files.writeString(
        contracts.resolve("bank_transactions.yaml"),
        Files.readString(Path.of("../../datasets/bank_transactions.yaml"))
            .replace(
                "\nquality:\n",
                "\nquality:\n"
                    + "  - rule: null_rate\n"
                    + "    column: channel\n"
                    + "    max: 0.2\n"
                    + "    action: quarantine\n"));
    SplitLakes ruled = new SplitLakes(root.resolve("ruled"), store, contracts);
    RawObjectRef raw = ruled.drop("bank_transactions/big.csv", BankCsv.generate(9, 1200, 2, 2));

    // when
    IngestResult whole = ruled.whole(raw);
    IngestResult split = ruled.split(raw, 1024, pool);

    // then
    assertThat(whole.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(whole.reasonCode()).isEqualTo("quality");
    assertThat(split.outcome()).isEqualTo(whole.outcome());
    assertThat(split.reasonCode()).isEqualTo(whole.reasonCode());
    assertThat(split.reason()).isEqualTo(whole.reason()).contains("null_rate");
    assertThat(ruled.splitTables.load("bank_transactions"))
        .hasValueSatisfying(t -> assertThat(t.currentSnapshot()).isNull());
    assertThat(ruled.list(SplitLakes.SPLIT, "_split/")).isEmpty();
    assertThat(ruled.list(SplitLakes.SPLIT, "bank_transactions/data/")).isEmpty();
  }

  @Test
  void anyRangeSizeGivesTheSameResult() throws Exception {
    RawObjectRef raw = lakes.drop("bank_transactions/big.csv", BankCsv.generate(11, 600, 3, 2));
    IngestResult whole = lakes.whole(raw);
    List<String> wholeRows = lakes.rows(SplitLakes.WHOLE, "bank_transactions");
    String wholeRejects = rejects(SplitLakes.WHOLE, raw);
    Random random = new Random(42);

    for (int run = 0; run < 6; run++) {
      long rangeBytes = 40 + random.nextInt(8000);
      Path again = root.resolve("run-" + run);
      FileSystemObjectStore other = new FileSystemObjectStore(again);
      SplitLakes fresh = new SplitLakes(again, other);
      RawObjectRef copy = fresh.drop(raw.key(), readAll(raw));

      IngestResult split = fresh.split(copy, rangeBytes, pool);

      assertThat(split.filesWritten())
          .as("range size %d", rangeBytes)
          .isGreaterThan(whole.filesWritten());
      assertThat(split.rowsAccepted())
          .as("range size %d", rangeBytes)
          .isEqualTo(whole.rowsAccepted());
      assertThat(split.rowsRejected())
          .as("range size %d", rangeBytes)
          .isEqualTo(whole.rowsRejected());
      assertThat(withoutBatch(fresh.rows(SplitLakes.SPLIT, "bank_transactions")))
          .as("range size %d", rangeBytes)
          .isEqualTo(withoutBatch(wholeRows));
      assertThat(fresh.text(SplitLakes.SPLIT, rejectsKey(copy)))
          .as("range size %d", rangeBytes)
          .isEqualTo(wholeRejects);
    }
  }

  @Test
  void aKeyRepeatedAcrossRangesIsRejectedAtItsLaterLine() throws Exception {
    String header = BankCsv.HEADER + "\n";
    String first = "TX0000000001,DE89370400440532013000,2024-01-01,1.00,EUR,,\n";
    StringBuilder csv = new StringBuilder(header).append(first);
    for (int i = 2; i <= 60; i++) {
      csv.append(String.format("TX%010d,DE89370400440532013000,2024-01-02,2.00,EUR,,%n", i));
    }
    csv.append(first.replace("1.00", "9.99"));
    for (int i = 61; i <= 200; i++) {
      csv.append(String.format("TX%010d,DE89370400440532013000,2024-01-02,2.00,EUR,,%n", i));
    }
    RawObjectRef raw =
        lakes.drop("bank_transactions/dup.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

    IngestResult whole = lakes.whole(raw);
    IngestResult split = lakes.split(raw, 512, pool);

    assertSameOutcome(split, whole, raw);
    assertThat(rejects(SplitLakes.SPLIT, raw))
        .contains("\"line\":62,")
        .contains("\"rule\":\"unique_key\"");
    assertThat(lakes.rows(SplitLakes.SPLIT, "bank_transactions"))
        .anyMatch(row -> row.startsWith("TX0000000001|") && row.contains("|1.00|"))
        .noneMatch(row -> row.contains("|9.99|"));
  }

  @Test
  void aMultiByteCharacterAtTheNominalBoundaryStaysWhole() throws Exception {
    String row = "TX0000000001,DE89370400440532013000,2024-01-01,1.00,EUR,日本😀Straße,\r\n";
    String header = BankCsv.HEADER + "\r\n";
    byte[] bytes = (header + row + row.replace("0001", "0002")).getBytes(StandardCharsets.UTF_8);
    int cut = (header + row).getBytes(StandardCharsets.UTF_8).length + 53;
    RawObjectRef raw = lakes.drop("bank_transactions/utf8.csv", bytes);

    IngestResult whole = lakes.whole(raw);
    IngestResult split = lakes.split(raw, cut / 2, pool);

    assertSameOutcome(split, whole, raw);
    assertThat(lakes.rows(SplitLakes.SPLIT, "bank_transactions"))
        .hasSize(2)
        .allMatch(r -> r.contains("日本😀Straße"));
  }

  @Test
  void tooManyRejectsAcrossRangesQuarantineTheFileWithTheWholeFilesReport() throws Exception {
    RawObjectRef raw = lakes.drop("bank_transactions/bad.csv", BankCsv.generate(3, 400, 2, 30));

    IngestResult whole = lakes.whole(raw);
    IngestResult split = lakes.split(raw, 700, pool);

    assertThat(whole.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(split.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(split.reason()).isEqualTo(whole.reason());
    assertThat(report(SplitLakes.SPLIT, raw).replace(SplitLakes.SPLIT, "bucket"))
        .isEqualTo(report(SplitLakes.WHOLE, raw).replace(SplitLakes.WHOLE, "bucket"));
    assertThat(lakes.rows(SplitLakes.SPLIT, "bank_transactions")).isEmpty();
    assertThat(lakes.list(SplitLakes.SPLIT, "_split/")).isEmpty();
  }

  @Test
  void aBrokenRecordLateInTheFileIsReportedWithItsLineInTheWholeFile() throws Exception {
    String csv = new String(BankCsv.generate(5, 300, 0, 0), StandardCharsets.UTF_8);
    csv = csv + "TX0000009999,DE89370400440532013000,2024-01-01,\"1.00,EUR,,\r\n";
    RawObjectRef raw =
        lakes.drop("bank_transactions/broken.csv", csv.getBytes(StandardCharsets.UTF_8));

    IngestResult whole = lakes.whole(raw);
    IngestResult split = lakes.split(raw, 900, pool);

    assertThat(whole.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(split.reason()).isEqualTo(whole.reason());
    assertThat(report(SplitLakes.SPLIT, raw).replace(SplitLakes.SPLIT, "bucket"))
        .isEqualTo(report(SplitLakes.WHOLE, raw).replace(SplitLakes.WHOLE, "bucket"));
  }

  @Test
  void aQuoteInsideAnUnquotedFieldMisleadsTheScanAndTheFileIsIngestedWhole() throws Exception {
    StringBuilder csv = new StringBuilder(BankCsv.HEADER).append('\n');
    csv.append("TX0000000001,DE89370400440532013000,2024-01-01,1.00,EUR,5\" screen,\n");
    for (int i = 2; i < 80; i++) {
      String counterparty = i % 5 == 0 ? "\"two\nlines\"" : "plain";
      csv.append(
          String.format(
              "TX%010d,DE89370400440532013000,2024-01-01,1.00,EUR,%s,%n", i, counterparty));
    }
    RawObjectRef raw =
        lakes.drop("bank_transactions/stray.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

    IngestResult whole = lakes.whole(raw);
    IngestResult split = lakes.split(raw, 300, pool);

    assertSameOutcome(split, whole, raw);
    assertThat(split.filesWritten()).isEqualTo(whole.filesWritten());
    assertThat(lakes.list(SplitLakes.SPLIT, "_split/")).isEmpty();
  }

  @Test
  void gzipCannotBeSplitAndIsIngestedByOneWorker() throws Exception {
    byte[] csv = BankCsv.generate(9, 300, 1, 1);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(csv);
    }
    RawObjectRef raw = lakes.drop("bank_transactions/big.csv.gz", gz.toByteArray());

    IngestResult whole = lakes.whole(raw);
    IngestResult split = lakes.split(raw, 256, pool);

    assertSameOutcome(split, whole, raw);
    assertThat(split.filesWritten()).isEqualTo(whole.filesWritten());
    assertThat(lakes.list(SplitLakes.SPLIT, "_split/")).isEmpty();
  }

  @Test
  void aFailingRangeFailsTheFileWithoutASnapshotAndTheRetryCommitsItOnce() throws Exception {
    RawObjectRef raw = lakes.drop("bank_transactions/big.csv", BankCsv.generate(13, 800, 2, 2));
    AtomicBoolean failNext = new AtomicBoolean(true);
    ForwardingObjectStore flaky =
        new ForwardingObjectStore(store) {
          @Override
          public InputStream openRange(
              String bucket, String key, String versionId, String eTag, long start, long end) {
            if (start > 0
                && bucket.equals(SplitLakes.RAW)
                && end - start < 2000
                && failNext.getAndSet(false)) {
              throw new ObjectStoreException("Cannot read " + key + ": simulated outage");
            }
            return super.openRange(bucket, key, versionId, eTag, start, end);
          }
        };

    assertThatThrownBy(() -> lakes.split(raw, 1500, pool, flaky))
        .hasMessageContaining("simulated outage");
    assertThat(lakes.splitTables.load("bank_transactions").orElseThrow().snapshots()).isEmpty();
    assertThat(lakes.list(SplitLakes.SPLIT, "_batches/")).isEmpty();

    IngestResult retry = lakes.split(raw, 1500, pool, flaky);
    IngestResult whole = lakes.whole(raw);

    assertSameOutcome(retry, whole, raw);
    assertThat(lakes.splitTables.load("bank_transactions").orElseThrow().snapshots()).hasSize(1);
    IngestResult again = lakes.split(raw, 1500, pool, flaky);
    assertThat(again.outcome()).isEqualTo(IngestOutcome.ALREADY_PROCESSED);
    assertThat(lakes.splitTables.load("bank_transactions").orElseThrow().snapshots()).hasSize(1);
  }

  private void assertSameOutcome(IngestResult split, IngestResult whole, RawObjectRef raw)
      throws SQLException {
    assertThat(split.outcome()).isEqualTo(whole.outcome());
    assertThat(split.batchId()).isEqualTo(whole.batchId());
    assertThat(split.rowsAccepted()).isEqualTo(whole.rowsAccepted());
    assertThat(split.rowsRejected()).isEqualTo(whole.rowsRejected());
    assertThat(lakes.rows(SplitLakes.SPLIT, "bank_transactions"))
        .isNotEmpty()
        .isEqualTo(lakes.rows(SplitLakes.WHOLE, "bank_transactions"));
    assertThat(rejects(SplitLakes.SPLIT, raw)).isEqualTo(rejects(SplitLakes.WHOLE, raw));
  }

  private static BatchProfile profile(HistoryTables tables) {
    Snapshot snapshot = tables.load("bank_transactions").orElseThrow().currentSnapshot();
    return BatchProfile.fromSummary(snapshot.summary()).orElseThrow();
  }

  private String rejects(String bucket, RawObjectRef raw) {
    return lakes.text(bucket, rejectsKey(raw));
  }

  private static String rejectsKey(RawObjectRef raw) {
    return new LakeLayout("unused").rejectsKey("bank_transactions", BatchId.of(raw));
  }

  private String report(String bucket, RawObjectRef raw) {
    return lakes.text(
        bucket, new LakeLayout(bucket).quarantineReportKey("bank_transactions", BatchId.of(raw)));
  }

  private byte[] readAll(RawObjectRef raw) throws IOException {
    try (InputStream in = store.open(raw.bucket(), raw.key())) {
      return in.readAllBytes();
    }
  }

  /**
   * Rows without the batch id column: each run's object has an ETag, hence a batch id, of its own.
   */
  private static List<String> withoutBatch(List<String> rows) {
    return rows.stream().map(r -> r.replaceAll("\\|[0-9a-f]{24}\\|", "|batch|")).toList();
  }
}
