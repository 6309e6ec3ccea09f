package io.strata.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.IngestSettings;
import io.strata.core.ingest.LakeJson;
import io.strata.core.ingest.LakeLayout;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.TestCatalogs;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quality rules of a contract judged by ingest against the batches the table committed before. */
class QualityRulesIngestTest {

  private static final String RAW = "strata-raw";
  private static final String HISTORY = "strata-history";
  private static final String CONTRACT =
      """
      name: sales
      version: 1
      format: csv
      columns:
        - {name: id, type: string, required: true}
        - {name: region, type: string, rules: {allowed: [north, south, east]}}
        - {name: amount, type: 'decimal(10,2)'}
      key: [id]
      quality:
        - {rule: row_count, stddevs: 3, history: 5, action: quarantine}
        - {rule: null_rate, column: amount, max: 0.5, action: warn}
      """;

  @TempDir Path lake;
  @TempDir Path datasets;
  private FileSystemObjectStore store;
  private HistoryTables tables;
  private IngestService service;
  private int drops;

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(datasets.resolve("sales.yaml"), CONTRACT);
    store = new FileSystemObjectStore(lake);
    tables = TestCatalogs.tables(store, HISTORY);
    service =
        new IngestService(
            store,
            new DirectoryContractRepository(datasets),
            tables,
            IngestSettings.defaults(HISTORY, "k".getBytes(StandardCharsets.UTF_8)),
            Clock.fixed(Instant.parse("2024-01-15T06:01:00Z"), ZoneOffset.UTC));
  }

  @Test
  void batchWithARowCountFarOutsideItsHistoryIsQuarantinedWithAReadableReason() throws Exception {
    // given
    for (int rows : new int[] {100, 104, 96, 101}) {
      assertThat(ingest(rows, 0).outcome()).isEqualTo(IngestOutcome.COMMITTED);
    }

    // when
    IngestResult result = ingest(10, 0);

    // then
    assertThat(result.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    assertThat(result.reason())
        .startsWith(
            "Quarantined s3://strata-raw/sales/drop-5.csv: quality rule row_count: 10 rows,")
        .contains("10 rows, expected 90.34 to 110.2 ")
        .contains("(mean 100.3 ± 3 standard deviations of the last 4 batches)");
    assertThat(result.verdicts())
        .filteredOn(v -> v.outcome() == VerdictOutcome.QUARANTINE)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo("row_count");
              assertThat(v.observed()).isEqualTo(10.0);
              assertThat(v.expectedLow()).isBetween(90.3, 90.4);
              assertThat(v.expectedHigh()).isBetween(110.1, 110.2);
            });
    JsonNode report = report(result.batchId());
    assertThat(report.get("reason").asText()).isEqualTo("quality");
    assertThat(report.get("summary").asText()).isEqualTo(result.reason());
    assertThat(report.at("/verdicts/0/rule").asText()).isEqualTo("row_count");
    assertThat(report.at("/verdicts/0/outcome").asText()).isEqualTo("quarantine");
    assertThat(report.at("/profile/rows").asLong()).isEqualTo(10);
    assertThat(tables.load("sales").orElseThrow().snapshots()).hasSize(4);
  }

  @Test
  void warnRuleCommitsTheBatchAndRecordsItsVerdictWithIt() {
    // given
    for (int rows : new int[] {100, 101, 99}) {
      assertThat(ingest(rows, 0).outcome()).isEqualTo(IngestOutcome.COMMITTED);
    }

    // when
    IngestResult result = ingest(100, 70);

    // then
    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    QualityVerdict nullRate =
        result.verdicts().stream()
            .filter(v -> v.rule().equals("null_rate"))
            .findFirst()
            .orElseThrow();
    assertThat(nullRate.outcome()).isEqualTo(VerdictOutcome.WARN);
    assertThat(nullRate.observed()).isEqualTo(0.7);
    assertThat(nullRate.message())
        .isEqualTo("null_rate of amount: 70% of rows null, expected at most 50% (at most 50%)");
    Map<String, String> summary = tables.load("sales").orElseThrow().currentSnapshot().summary();
    assertThat(QualityRecord.verdicts(summary)).isEqualTo(result.verdicts());
  }

  @Test
  void tooLittleHistoryPassesSayingHowMuchIsNeeded() {
    IngestResult first = ingest(100, 0);
    IngestResult tiny = ingest(3, 0);

    assertThat(first.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(tiny.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(tiny.verdicts().get(0).outcome()).isEqualTo(VerdictOutcome.PASS);
    assertThat(tiny.verdicts().get(0).message())
        .isEqualTo("row_count: not judged, 1 committed batches with profiles, at least 3 needed");
  }

  private IngestResult ingest(int rows, int nullAmounts) {
    drops++;
    StringBuilder csv = new StringBuilder("id,region,amount\n");
    String[] regions = {"north", "south", "east"};
    for (int i = 0; i < rows; i++) {
      csv.append(String.format(Locale.ROOT, "%d-%d", drops, i))
          .append(',')
          .append(regions[i % regions.length])
          .append(',')
          .append(i < nullAmounts ? "" : String.format(Locale.ROOT, "%d.%02d", i, i % 100))
          .append('\n');
    }
    String key = "sales/drop-" + drops + ".csv";
    store.put(RAW, key, csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
    ObjectInfo info = store.head(RAW, key).orElseThrow();
    return service.ingest(
        new RawObjectRef(
            RAW, key, null, info.eTag(), info.size(), Instant.parse("2024-01-15T06:00:00Z")));
  }

  private JsonNode report(String batchId) throws Exception {
    String key = new LakeLayout(HISTORY).quarantineReportKey("sales", batchId);
    try (InputStream in = store.open(HISTORY, key)) {
      return LakeJson.mapper().readTree(in);
    }
  }
}
