package io.strata.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.IngestSettings;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.DuckDb;
import io.strata.core.testing.TestCatalogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile ingest stores with a committed batch, checked against DuckDB's own aggregates over
 * the same raw file.
 */
class BatchProfileTest {

  private static final String RAW = "strata-raw";
  private static final String HISTORY = "strata-history";
  private static final String KEY = "bank_transactions/2024/01/15/transactions.csv";
  private static final int ROWS = 4_000;

  @TempDir Path lake;
  private FileSystemObjectStore store;
  private HistoryTables tables;
  private final List<String> ibans = new ArrayList<>();

  @BeforeEach
  void setUp() {
    store = new FileSystemObjectStore(lake);
    tables = TestCatalogs.tables(store, HISTORY);
  }

  @Test
  void profileOfACommittedBatchMatchesDuckDbOverTheSameFile() throws Exception {
    // given
    IngestResult result = ingest(bankCsv(new Random(7)));
    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);

    // when
    Snapshot snapshot = tables.load("bank_transactions").orElseThrow().currentSnapshot();
    BatchProfile profile = BatchProfile.fromSummary(snapshot.summary()).orElseThrow();

    // then
    String csv =
        "read_csv('" + lake.resolve(RAW).resolve(KEY) + "', header = true, all_varchar = true)";
    try (DuckDb duckDb = new DuckDb()) {
      assertThat(profile.rows())
          .isEqualTo(Long.parseLong(duckDb.value("SELECT count(*) FROM " + csv)));
      ColumnStats amount = profile.column("amount").orElseThrow();
      List<String> expected =
          duckDb
              .rows(
                  "SELECT min(amount::DECIMAL(18,2))::VARCHAR, max(amount::DECIMAL(18,2))::VARCHAR,"
                      + " avg(amount::DOUBLE), stddev_samp(amount::DOUBLE),"
                      + " count(DISTINCT amount) FROM "
                      + csv)
              .get(0);
      assertThat(amount.min()).isEqualTo(expected.get(0));
      assertThat(amount.max()).isEqualTo(expected.get(1));
      assertThat(amount.mean()).isCloseTo(Double.parseDouble(expected.get(2)), within(1e-6));
      assertThat(amount.stddev()).isCloseTo(Double.parseDouble(expected.get(3)), within(1e-6));
      assertThat(amount.distinct().doubleValue())
          .isCloseTo(Double.parseDouble(expected.get(4)), within(0.05 * ROWS));
      assertThat(amount.nulls()).isZero();

      ColumnStats counterparty = profile.column("counterparty").orElseThrow();
      assertThat(counterparty.nulls())
          .isEqualTo(
              Long.parseLong(
                  duckDb.value("SELECT count(*) FROM " + csv + " WHERE counterparty IS NULL")));
      assertThat(counterparty.empties())
          .isEqualTo(
              Long.parseLong(
                  duckDb.value("SELECT count(*) FROM " + csv + " WHERE trim(counterparty) = ''")))
          .isPositive();
      long distinct =
          Long.parseLong(duckDb.value("SELECT count(DISTINCT counterparty) FROM " + csv));
      assertThat(counterparty.distinct().doubleValue())
          .isCloseTo(distinct, within(0.05 * distinct));
      assertThat(counterparty.min())
          .isEqualTo(duckDb.value("SELECT min(counterparty) FROM " + csv));

      ColumnStats date = profile.column("booking_date").orElseThrow();
      assertThat(date.min()).isEqualTo(duckDb.value("SELECT min(booking_date) FROM " + csv));
      assertThat(date.max()).isEqualTo(duckDb.value("SELECT max(booking_date) FROM " + csv));
      assertThat(date.mean()).isNull();

      List<String> currencies =
          duckDb.lines(
              "SELECT currency, count(*) AS n FROM "
                  + csv
                  + " GROUP BY currency ORDER BY n DESC, currency");
      assertThat(profile.column("currency").orElseThrow().top())
          .extracting(v -> v.value() + "|" + v.count())
          .containsExactlyElementsOf(currencies);
    }
  }

  @Test
  void piiColumnsKeepOnlyCountsAndADistinctEstimateOfTheProtectedValue() {
    // given
    IngestResult result = ingest(bankCsv(new Random(11)));
    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);

    // when
    Map<String, String> summary =
        tables.load("bank_transactions").orElseThrow().currentSnapshot().summary();
    String json = summary.get(BatchProfile.SUMMARY_KEY);
    ColumnStats iban =
        BatchProfile.fromSummary(summary).orElseThrow().column("account_iban").orElseThrow();

    // then
    assertThat(iban.min()).isNull();
    assertThat(iban.max()).isNull();
    assertThat(iban.top()).isNull();
    assertThat(iban.mean()).isNull();
    assertThat(iban.nulls()).isZero();
    assertThat(iban.distinct()).isPositive();
    for (String raw : ibans) {
      assertThat(json).doesNotContain(raw).doesNotContain(raw.substring(raw.length() - 4));
    }
  }

  private IngestResult ingest(String csv) {
    store.put(RAW, KEY, csv.getBytes(StandardCharsets.UTF_8), "text/csv");
    ObjectInfo info = store.head(RAW, KEY).orElseThrow();
    RawObjectRef raw =
        new RawObjectRef(
            RAW, KEY, null, info.eTag(), info.size(), Instant.parse("2024-01-15T06:00:00Z"));
    IngestService service =
        new IngestService(
            store,
            new DirectoryContractRepository(Path.of("../../datasets")),
            tables,
            IngestSettings.defaults(HISTORY, "k".getBytes(StandardCharsets.UTF_8)),
            Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC));
    return service.ingest(raw);
  }

  /**
   * Rows with every shape the profile counts: null and blank counterparties, skewed currencies,
   * amounts of both signs, IBANs repeating over a few hundred accounts.
   */
  private String bankCsv(Random random) {
    for (int i = 0; i < 300; i++) {
      ibans.add(
          String.format(Locale.ROOT, "DE%020d", Math.abs(random.nextLong()) % 100_000_000_000L));
    }
    StringBuilder csv =
        new StringBuilder(
            "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n");
    String[] currencies = {"EUR", "EUR", "EUR", "EUR", "USD", "USD", "GBP"};
    String[] channels = {"ATM", "POS", "ONLINE", "BRANCH", ""};
    for (int i = 0; i < ROWS; i++) {
      int pick = random.nextInt(10);
      String counterparty = pick == 0 ? "" : pick == 1 ? "\"  \"" : "Shop " + random.nextInt(900);
      csv.append(String.format(Locale.ROOT, "TX%010d", i))
          .append(',')
          .append(ibans.get(random.nextInt(ibans.size())))
          .append(",2024-01-1")
          .append(random.nextInt(5))
          .append(',')
          .append(String.format(Locale.ROOT, "%.2f", (random.nextDouble() - 0.3) * 2_000))
          .append(',')
          .append(currencies[random.nextInt(currencies.length)])
          .append(',')
          .append(counterparty)
          .append(',')
          .append(channels[random.nextInt(channels.length)])
          .append('\n');
    }
    return csv.toString();
  }
}
