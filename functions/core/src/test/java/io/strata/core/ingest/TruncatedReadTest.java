package io.strata.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.IncompleteReadException;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.DuckDb;
import io.strata.core.testing.Gzip;
import io.strata.core.testing.TestCatalogs;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A raw read that ends short of the object, or reads an object that changes under it, never commits
 * and never quarantines: the batch fails, and a retry completes it.
 */
class TruncatedReadTest {

  private static final String RAW = "strata-raw";
  private static final String HISTORY = "strata-history";
  private static final int ROWS = 200_000;
  private static final int MIB = 1024 * 1024;
  private static final String HEADER =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n";

  @TempDir Path lake;
  private FileSystemObjectStore store;
  private HistoryTables tables;

  @BeforeEach
  void setUp() {
    store = new FileSystemObjectStore(lake);
    tables = TestCatalogs.tables(store, HISTORY);
  }

  @ParameterizedTest
  @EnumSource(CuttingStore.Where.class)
  void aReadCutAfterOneMibCommitsNothingAndTheRetryCommitsEveryRow(CuttingStore.Where where)
      throws Exception {
    // given a 200,000-row drop whose read ends silently after 1 MiB
    byte[] csv = bankCsv(ROWS);
    RawObjectRef raw = drop("bank_transactions/2024/01/15/tx.csv", csv);
    IngestService cut = serviceOver(new CuttingStore(store, MIB, where));

    // when / then
    assertThatThrownBy(() -> cut.ingest(raw))
        .isInstanceOf(IncompleteReadException.class)
        .hasMessage(
            "Cannot read s3://strata-raw/bank_transactions/2024/01/15/tx.csv: the read ended"
                + " after 1048576 of "
                + csv.length
                + " bytes");
    assertThat(keys("_batches/")).isEmpty();
    assertThat(keys("_quarantine/")).isEmpty();

    IngestResult retry = serviceOver(store).ingest(raw);

    assertThat(retry.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(retry.rowsAccepted()).isEqualTo(ROWS);
    assertThat(committedRows()).isEqualTo(ROWS);
  }

  @Test
  void aCutGzipIsAFailedReadNotABrokenFile() throws Exception {
    byte[] gz = Gzip.of(bankCsv(50_000));
    RawObjectRef raw = drop("bank_transactions/2024/01/15/tx.csv.gz", gz);
    IngestService cut =
        serviceOver(new CuttingStore(store, gz.length / 2, CuttingStore.Where.AFTER_THE_STORE));

    assertThatThrownBy(() -> cut.ingest(raw))
        .isInstanceOf(IncompleteReadException.class)
        .hasMessageEndingWith("of " + gz.length + " bytes");
    assertThat(keys("_quarantine/")).isEmpty();
    assertThat(serviceOver(store).ingest(raw).rowsAccepted()).isEqualTo(50_000);
  }

  @Test
  void aCutJsonLinesFileCommitsNothing() {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      jsonl.append(
          String.format(
              "{\"event_id\":\"e%d\",\"subscriber_id\":\"491701234567\",\"event_type\":\"call\","
                  + "\"event_time\":\"2024-01-15T01:30:00Z\",\"duration_s\":60,\"cell_id\":\"C1\"}\n",
              i));
    }
    byte[] content = jsonl.toString().getBytes(StandardCharsets.UTF_8);
    RawObjectRef raw = drop("telecom_usage/usage.jsonl", content);

    assertThatThrownBy(
            () ->
                serviceOver(new CuttingStore(store, 100_000, CuttingStore.Where.AFTER_THE_STORE))
                    .ingest(raw))
        .isInstanceOf(IncompleteReadException.class);
    assertThat(keys("telecom_usage/data/")).isEmpty();
    assertThat(keys("_batches/")).isEmpty();
    assertThat(keys("_quarantine/")).isEmpty();
  }

  @Test
  void aFileOverwrittenInPlaceWhileItIsReadFailsAndItsNewVersionCommitsWhole() throws Exception {
    // given a drop that someone copies a new file over, in place, 1 MiB into its ingest
    byte[] first = bankCsv(ROWS);
    byte[] second = bankCsv(ROWS).clone();
    second[HEADER.length() + 47] = (byte) '2'; // the first amount 1.00 becomes 2.00
    RawObjectRef raw = drop("bank_transactions/2024/01/15/tx.csv", first);
    Path file = lake.resolve(RAW).resolve(raw.key());
    ObjectStore overwriting = new OverwriteMidReadStore(store, file, second);

    // when / then
    assertThatThrownBy(() -> serviceOver(overwriting).ingest(raw))
        .isInstanceOf(IncompleteReadException.class)
        .hasMessage(
            "Cannot read s3://strata-raw/bank_transactions/2024/01/15/tx.csv: it changed while it"
                + " was read");
    assertThat(keys("_batches/")).isEmpty();
    assertThat(keys("_quarantine/")).isEmpty();

    // the retry of the old event finds a new version, whose own event commits all of it
    assertThat(serviceOver(store).ingest(raw).outcome()).isEqualTo(IngestOutcome.IGNORED);
    ObjectInfo now = store.head(RAW, raw.key()).orElseThrow();
    RawObjectRef newVersion =
        new RawObjectRef(RAW, raw.key(), null, now.eTag(), now.size(), Instant.now());
    assertThat(serviceOver(store).ingest(newVersion).rowsAccepted()).isEqualTo(ROWS);
    assertThat(
            DuckDb.query(
                "SELECT count(*) FILTER (amount = 2) FROM read_parquet('"
                    + lake.resolve(HISTORY).resolve("bank_transactions")
                    + "/**/*.parquet', hive_partitioning=true)"))
        .containsExactly("1");
  }

  /** Rewrites the raw file in place, with a later time, once 1 MiB of it was read. */
  private static final class OverwriteMidReadStore extends ForwardingObjectStore {

    private final Path file;
    private final byte[] replacement;

    OverwriteMidReadStore(ObjectStore delegate, Path file, byte[] replacement) {
      super(delegate);
      this.file = file;
      this.replacement = replacement;
    }

    @Override
    public InputStream open(String bucket, String key, String versionId, String eTag) {
      return new FilterInputStream(delegate.open(bucket, key, versionId, eTag)) {
        private long read;
        private boolean rewritten;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          read += Math.max(n, 0);
          if (read > MIB && !rewritten) {
            rewritten = true;
            Files.write(file, replacement);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
          }
          return n;
        }
      };
    }
  }

  private IngestService serviceOver(ObjectStore objects) {
    return new IngestService(
        objects,
        new DirectoryContractRepository(Path.of("../../datasets")),
        tables,
        IngestSettings.defaults(HISTORY, "test-hash-key".getBytes(StandardCharsets.UTF_8)),
        Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC));
  }

  private RawObjectRef drop(String key, byte[] content) {
    store.put(RAW, key, content, "application/octet-stream");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    return new RawObjectRef(
        RAW, key, null, info.eTag(), info.size(), Instant.parse("2024-01-15T06:00:00Z"));
  }

  private List<String> keys(String prefix) {
    return store.list(HISTORY, prefix).stream().map(ObjectInfo::key).toList();
  }

  private long committedRows() throws SQLException {
    return Long.parseLong(
        DuckDb.query(
                "SELECT count(*) FROM read_parquet('"
                    + lake.resolve(HISTORY).resolve("bank_transactions")
                    + "/**/*.parquet', hive_partitioning=true)")
            .get(0));
  }

  static byte[] bankCsv(int rows) {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 1; i <= rows; i++) {
      csv.append(
          String.format("TX%010d,DE89370400440532013000,2024-01-%02d,1.00,EUR,,\n", i, 10 + i % 5));
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }
}
