package io.strata.maintenance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.testing.DuckDb;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/**
 * The maintenance Lambda through Quarkus' mock event server with EventBridge's scheduled event,
 * against s3proxy and the Glue stand-in: small batches ingested by the application's own ingest
 * service are compacted by the schedule alone, rows unchanged.
 */
@QuarkusTest
@WithTestResource(MaintenanceLakeResource.class)
class MaintenanceHandlerTest {

  private static final String DATASET = "bank_transactions";
  private static final TableIdentifier HISTORY = TableIdentifier.of("lake", DATASET);
  private static final TableIdentifier CURRENT = TableIdentifier.of("lake_current", DATASET);
  private static final String SCHEDULED_EVENT =
      """
      {"version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
       "detail-type": "Scheduled Event", "source": "aws.events", "account": "123456789012",
       "time": "2024-01-15T06:00:00Z", "region": "us-east-1",
       "resources": ["arn:aws:events:us-east-1:123456789012:rule/strata-maintenance"],
       "detail": {}}
      """;

  @Inject IngestService ingest;
  @Inject ObjectStore store;
  @Inject Catalog catalog;

  private static int batches;

  @Test
  void scheduledEventCompactsSmallBatchesKeepingEveryRowAndASecondPassRewritesNothing()
      throws Exception {
    // given six small batches, each writing a file into each of two booking dates
    ingestBatches(6, 8);
    int historyFiles = dataFiles(HISTORY).size();
    long rows = rows(HISTORY);
    long currentRows = rows(CURRENT);

    // when
    Response first = invoke();

    // then
    first.then().statusCode(200);
    assertThat(first.<Integer>path("tables")).isGreaterThanOrEqualTo(2);
    assertThat(first.<Integer>path("tablesCompacted")).isPositive();
    assertThat(first.<Integer>path("failures")).isZero();
    assertThat(first.<Integer>path("dataFilesAfter"))
        .isLessThan(first.<Integer>path("dataFilesBefore"));
    assertThat(dataFiles(HISTORY)).hasSizeLessThan(historyFiles);
    assertThat(rows).isGreaterThanOrEqualTo(6 * 8);
    assertThat(rows(HISTORY)).isEqualTo(rows);
    assertThat(rows(CURRENT)).isEqualTo(currentRows);

    // when scheduled again with no new batch
    Response second = invoke();

    // then
    second.then().statusCode(200);
    assertThat(second.<Integer>path("tablesCompacted")).isZero();
    assertThat(second.<Integer>path("dataFilesAfter"))
        .isEqualTo(second.<Integer>path("dataFilesBefore"));
  }

  @Test
  void tableWithUnreadableMetadataFailsTheInvocationAfterTheOthersAreMaintained() throws Exception {
    // given small batches, and a report table whose metadata file is gone
    ingestBatches(6, 4);
    int historyFiles = dataFiles(HISTORY).size();
    long rows = rows(HISTORY);
    TableIdentifier report = TableIdentifier.of("lake_reports", "weekly_totals");
    if (!catalog.tableExists(report)) {
      catalog
          .buildTable(
              report, new Schema(Types.NestedField.required(1, "total", Types.LongType.get())))
          .withLocation("s3://" + MaintenanceLakeResource.HISTORY + "/_reports/weekly_totals")
          .create();
    }
    String metadata =
        MaintenanceLakeResource.glue()
            .tableParameters("lake_reports", "weekly_totals")
            .get("metadata_location");
    MaintenanceLakeResource.glue()
        .setTableParameter(
            "lake_reports",
            "weekly_totals",
            "metadata_location",
            metadata.replace(".metadata.json", "-gone.metadata.json"));
    try {
      // when
      Response response = invoke();

      // then
      assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
      assertThat(response.asString())
          .contains("MaintenanceFailedException")
          .contains("Cannot maintain 1 of 3 tables: lake_reports.weekly_totals");
      assertThat(dataFiles(HISTORY)).hasSizeLessThan(historyFiles);
      assertThat(rows(HISTORY)).isEqualTo(rows);
    } finally {
      MaintenanceLakeResource.glue()
          .setTableParameter("lake_reports", "weekly_totals", "metadata_location", metadata);
    }
  }

  /** Drops and ingests batches of {@code rows} rows over two booking dates. */
  private void ingestBatches(int count, int rows) {
    for (int b = 0; b < count; b++) {
      int n = ++batches;
      StringBuilder csv =
          new StringBuilder(
              "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n");
      for (int i = 0; i < rows; i++) {
        csv.append(String.format("TX%010d", n * 100_000L + i))
            .append(",DE89370400440532013000,2024-01-1")
            .append(4 + i % 2)
            .append(',')
            .append(i + 1)
            .append(".50,EUR,Shop ")
            .append(i)
            .append(",POS\n");
      }
      String key = DATASET + "/batch-" + n + ".csv";
      store.put(
          MaintenanceLakeResource.RAW,
          key,
          csv.toString().getBytes(StandardCharsets.UTF_8),
          "text/csv");
      ObjectInfo info = store.head(MaintenanceLakeResource.RAW, key).orElseThrow();
      RawObjectRef raw =
          new RawObjectRef(
              MaintenanceLakeResource.RAW, key, null, info.eTag(), info.size(), Instant.now());
      assertThat(ingest.ingest(raw).outcome()).isEqualTo(IngestOutcome.COMMITTED);
    }
  }

  private List<String> dataFiles(TableIdentifier identifier) {
    Table table = catalog.loadTable(identifier);
    return new HistorySnapshot(table, table.currentSnapshot(), null).dataFiles();
  }

  /** The rows of the table's current snapshot, counted by DuckDB over the files it plans. */
  private long rows(TableIdentifier identifier) throws Exception {
    String files = MaintenanceLakeResource.lake().duckDbFiles(dataFiles(identifier));
    return Long.parseLong(
        DuckDb.query("SELECT count(*) FROM read_parquet(" + files + ", hive_partitioning=false)")
            .get(0));
  }

  private static Response invoke() {
    return given().contentType(ContentType.JSON).body(SCHEDULED_EVENT).when().post();
  }
}
