package io.strata.core.ingest;

import static io.strata.core.metrics.EmfAssertions.dimensionSets;
import static io.strata.core.metrics.EmfAssertions.unitOf;
import static io.strata.core.metrics.EmfAssertions.validEmf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.contract.QualityRule;
import io.strata.core.metrics.MetricsLog;
import io.strata.core.quality.QualityVerdict;
import io.strata.core.quality.VerdictOutcome;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistoryTables;
import io.strata.core.table.TableException;
import io.strata.core.testing.LogCapture;
import io.strata.core.testing.TestCatalogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestMetricsTest {

  private static final String RAW = "strata-raw";
  private static final String HISTORY = "strata-history";
  private static final Instant ARRIVED = Instant.parse("2024-01-15T06:00:00Z");
  private static final String BANK_HEADER =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n";
  private static final String IBAN = "DE89370400440532013000";

  @TempDir Path lake;
  private FileSystemObjectStore store;
  private HistoryTables tables;
  private IngestService service;

  @BeforeEach
  void setUp() {
    store = new FileSystemObjectStore(lake);
    tables = TestCatalogs.tables(store, HISTORY);
    service = serviceOn(tables);
  }

  @Test
  void committedBatchPublishesRowsBatchesCommitLatencyAndRetriesPerLakeAndDataset() {
    // given
    RawObjectRef raw =
        drop(
            "bank_transactions/2024/01/15/tx.csv",
            BANK_HEADER
                + "TX0000000001,"
                + IBAN
                + ",2024-01-14,12.50,EUR,Bakery Ltd,POS\n"
                + "TX0000000003,GB29NWBK60161331926819,2024-01-15,7,USD,Cafe,\n");

    // when
    LogCapture.Captured<IngestResult> ingest = LogCapture.during(() -> service.ingest(raw));

    // then
    assertThat(ingest.result().commit()).isNotNull();
    assertThat(ingest.result().commit().retries()).isZero();
    List<JsonNode> lines = metricLines(ingest.log());
    List<JsonNode> batches = lines.stream().filter(l -> l.has("Batches")).toList();
    assertThat(batches).hasSize(1);
    JsonNode batch = batches.get(0);
    assertThat(batch.get("Lake").asText()).isEqualTo(lakeName());
    assertThat(batch.get("Dataset").asText()).isEqualTo("bank_transactions");
    assertThat(dimensionSets(batch))
        .containsExactlyInAnyOrder(Set.of("Lake"), Set.of("Lake", "Dataset"));
    assertThat(batch.get("RowsAccepted").asLong()).isEqualTo(2);
    assertThat(batch.get("RowsRejected").asLong()).isZero();
    assertThat(batch.get("Batches").asLong()).isEqualTo(1);
    assertThat(batch.get("BatchesCommitted").asLong()).isEqualTo(1);
    assertThat(batch.get("CommitRetries").asLong()).isZero();
    assertThat(batch.get("CommitLatency").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(unitOf(batch, "CommitLatency")).isEqualTo("Milliseconds");
    assertThat(batch.has("Quarantines")).isFalse();
    assertThat(ingest.log()).doesNotContain(IBAN);
  }

  @Test
  void qualityVerdictsArePublishedByOutcomePerLakeAndDataset() {
    IngestResult result =
        new IngestResult(
            "s3://raw/bank_transactions/x.csv",
            "bank_transactions",
            "b1",
            IngestOutcome.COMMITTED,
            10,
            0,
            1,
            null,
            Duration.ofMillis(5),
            null,
            null,
            List.of(
                verdict(VerdictOutcome.PASS),
                verdict(VerdictOutcome.WARN),
                verdict(VerdictOutcome.WARN)));

    List<JsonNode> verdicts =
        IngestMetrics.of(result, "lake", ARRIVED).stream()
            .map(d -> validEmf(d.toJson()))
            .filter(l -> l.has("AnomalyVerdicts"))
            .toList();

    assertThat(verdicts)
        .allSatisfy(
            v -> {
              assertThat(v.get("Dataset").asText()).isEqualTo("bank_transactions");
              assertThat(dimensionSets(v))
                  .containsExactlyInAnyOrder(
                      Set.of("Lake", "Outcome"), Set.of("Lake", "Dataset", "Outcome"));
            })
        .extracting(v -> v.get("Outcome").asText() + "=" + v.get("AnomalyVerdicts").asLong())
        .containsExactlyInAnyOrder("pass=1", "warn=2");
  }

  private static QualityVerdict verdict(VerdictOutcome outcome) {
    return new QualityVerdict(
        "row_count", null, QualityRule.Action.WARN, outcome, 10.0, 5.0, 20.0, "row count");
  }

  @Test
  void quarantinedFilePublishesQuarantineByReason() {
    // given
    RawObjectRef raw = drop("bank_transactions/2024/01/15/empty.csv", "");

    // when
    LogCapture.Captured<IngestResult> ingest = LogCapture.during(() -> service.ingest(raw));

    // then
    assertThat(ingest.result().reasonCode()).isEqualTo("empty_file");
    List<JsonNode> lines = metricLines(ingest.log());
    assertThat(lines).hasSize(1);
    JsonNode quarantine = lines.get(0);
    assertThat(quarantine.get("Reason").asText()).isEqualTo("empty_file");
    assertThat(quarantine.get("Quarantines").asLong()).isEqualTo(1);
    assertThat(quarantine.get("Batches").asLong()).isEqualTo(1);
    assertThat(dimensionSets(quarantine))
        .containsExactlyInAnyOrder(
            Set.of("Lake"),
            Set.of("Lake", "Reason"),
            Set.of("Lake", "Dataset"),
            Set.of("Lake", "Dataset", "Reason"));
  }

  @Test
  void unknownDatasetKeepsItsFolderOutOfTheDimensions() {
    // given
    RawObjectRef raw = drop("no_such_dataset/x.csv", "a,b\n1,2\n");

    // when
    LogCapture.Captured<IngestResult> ingest = LogCapture.during(() -> service.ingest(raw));

    // then
    JsonNode quarantine = metricLines(ingest.log()).get(0);
    assertThat(quarantine.get("Reason").asText()).isEqualTo("unknown_dataset");
    assertThat(quarantine.has("Dataset")).isFalse();
    assertThat(ingest.log().lines().filter(l -> l.contains(MetricsLog.CATEGORY)))
        .noneMatch(l -> l.contains("no_such_dataset"));
  }

  @Test
  void duplicateEventPublishesNothing() {
    // given
    RawObjectRef raw =
        drop(
            "bank_transactions/2024/01/15/tx.csv",
            BANK_HEADER + "TX0000000001," + IBAN + ",2024-01-14,12.50,EUR,Bakery Ltd,POS\n");
    service.ingest(raw);

    // when
    LogCapture.Captured<IngestResult> again = LogCapture.during(() -> service.ingest(raw));

    // then
    assertThat(again.result().outcome()).isEqualTo(IngestOutcome.ALREADY_PROCESSED);
    assertThat(metricLines(again.log())).isEmpty();
  }

  @Test
  void failedTableCommitPublishesCommitFailureAndRethrows() {
    // given a catalog that is closed: every table call fails
    Catalog broken = TestCatalogs.inMemory(store);
    HistoryTables failing =
        new HistoryTables(
            broken, lakeName(), HISTORY, new CommitRetry(1, Duration.ZERO, Duration.ZERO));
    closeQuietly(broken);
    RawObjectRef raw =
        drop(
            "bank_transactions/2024/01/15/tx.csv",
            BANK_HEADER + "TX0000000001," + IBAN + ",2024-01-14,12.50,EUR,Bakery Ltd,POS\n");

    // when
    LogCapture.Captured<Throwable> attempt =
        LogCapture.during(
            () -> {
              try {
                serviceOn(failing).ingest(raw);
                return null;
              } catch (RuntimeException e) {
                return e;
              }
            });

    // then
    assertThat(attempt.result()).isInstanceOf(TableException.class);
    JsonNode failure = metricLines(attempt.log()).get(0);
    assertThat(failure.get("CommitFailures").asLong()).isEqualTo(1);
    assertThat(failure.get("Dataset").asText()).isEqualTo("bank_transactions");
  }

  private IngestService serviceOn(HistoryTables on) {
    return new IngestService(
        store,
        new DirectoryContractRepository(Path.of("../../datasets")),
        on,
        IngestSettings.defaults(HISTORY, "k".getBytes(StandardCharsets.UTF_8)),
        Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC));
  }

  private String lakeName() {
    TableIdentifier id = tables.identifier("bank_transactions");
    return id.namespace().toString();
  }

  private static List<JsonNode> metricLines(String log) {
    String marker = MetricsLog.CATEGORY + " - ";
    return log.lines()
        .filter(l -> l.contains(marker))
        .map(l -> validEmf(l.substring(l.indexOf(marker) + marker.length())))
        .toList();
  }

  private static void closeQuietly(Catalog catalog) {
    if (catalog instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private RawObjectRef drop(String key, String content) {
    store.put(RAW, key, content.getBytes(StandardCharsets.UTF_8), "application/octet-stream");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    return new RawObjectRef(RAW, key, null, info.eTag(), info.size(), ARRIVED);
  }
}
