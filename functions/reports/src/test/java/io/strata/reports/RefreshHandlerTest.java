package io.strata.reports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.strata.aws.testing.AthenaStandIn;
import io.strata.core.access.RoleGrant;
import io.strata.core.contract.ContractRepository;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.materialize.ReportMaterializer;
import io.strata.core.materialize.ReportRules;
import io.strata.core.materialize.ReportTables;
import io.strata.core.query.AthenaDialect;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryLimits;
import io.strata.core.rules.RuleFiles;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.DuckDb;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report refresh Lambda through Quarkus' mock event server, against s3proxy, the Glue stand-in
 * and an Athena stand-in: S3's notification of a batch manifest refreshes the materialized report
 * that reads its dataset, for each role that may run it, exactly once per history snapshot.
 */
@QuarkusTest
@WithTestResource(ReportsLakeResource.class)
class RefreshHandlerTest {

  private static final String REPORT = "balance_by_currency";
  private static final String START = "AmazonAthena.StartQueryExecution";
  private static final List<String[]> COLUMNS =
      List.of(
          new String[] {"currency", "varchar"},
          new String[] {"total_amount", "decimal", "38", "2"},
          new String[] {"transactions", "bigint"});

  @Inject IngestService ingest;
  @Inject ObjectStore store;
  @Inject Catalog catalog;
  @Inject ReportTables tables;
  @Inject HistoryTables history;
  @Inject QueryEngine engine;
  @Inject ContractRepository contracts;
  @Inject RuleFiles ruleFiles;

  private static int batches;

  @BeforeEach
  void athenaAnswersTheReport() {
    AthenaStandIn athena = ReportsLakeResource.athena();
    athena.reset();
    athena.execution("SUCCEEDED", "SELECT ...", null);
    athena.results(
        COLUMNS, List.of(new String[] {"CHF", "12.00", "2"}, new String[] {"EUR", "7.50", "3"}));
  }

  @Test
  void aManifestRefreshesTheReportForEveryRoleOnceAndARepeatedEventRunsNothing() throws Exception {
    // given a committed batch of bank_transactions
    IngestResult batch = ingestBatch();
    long snapshot = latestHistorySnapshot();

    // when S3 notifies its manifest
    Response first = invoke(manifestEvent(batch));

    // then each role that may run the report has its own table at that history snapshot
    first.then().statusCode(200);
    assertThat(first.<List<String>>path("datasets")).containsExactly("bank_transactions");
    assertThat(first.<Integer>path("refreshed")).isEqualTo(2);
    assertThat(first.<Integer>path("failures")).isZero();
    List<JsonNode> started = ReportsLakeResource.athena().requests(START);
    assertThat(started).hasSize(2);
    assertThat(started)
        .allSatisfy(r -> assertThat(r.path("WorkGroup").asText()).isEqualTo("strata"));
    // each under the role's governed view: the analyst's IBANs masked, the admin's as stored
    assertThat(started.stream().map(r -> r.path("QueryString").asText()))
        .filteredOn(sql -> sql.contains("lpad(substr(\"account_iban\""))
        .hasSize(1);
    for (String role : List.of("analyst", "admin")) {
      Table table = catalog.loadTable(tables.identifier(REPORT, role));
      Snapshot current = table.currentSnapshot();
      assertThat(current.summary())
          .containsEntry("strata.source-snapshots", "bank_transactions=" + snapshot)
          .containsEntry("strata.query-id", AthenaStandIn.QUERY_ID);
      assertThat(rows(table)).containsExactly("CHF|12.00|2|0", "EUR|7.50|3|1");
    }
    assertThat(catalog.tableExists(tables.identifier(REPORT, "data-scientist"))).isFalse();
    // and the query API, compiling with its own defaults, finds each table current and serves it
    ReportMaterializer api =
        new ReportMaterializer(
            tables,
            history,
            engine,
            new AthenaDialect("lake"),
            new QueryLimits(1000, 100_000),
            Duration.ofMinutes(1));
    ReportRules rules = ReportRules.read(contracts, ruleFiles);
    for (RoleGrant role : rules.rolesOf(rules.reports().get(REPORT))) {
      assertThat(api.current(rules.reports().get(REPORT), role, rules.contracts()))
          .as("served from the table of role %s", role.name())
          .isPresent();
    }

    // when the same manifest is notified again (S3 delivers at least once)
    Response again = invoke(manifestEvent(batch));

    // then every table is found current and Athena runs nothing
    again.then().statusCode(200);
    assertThat(again.<Integer>path("refreshed")).isZero();
    assertThat(again.<Integer>path("upToDate")).isEqualTo(2);
    assertThat(ReportsLakeResource.athena().requests(START)).hasSize(2);
  }

  @Test
  void eventsNamingNoManifestOfTheHistoryBucketRefreshNothing() {
    String rejects = "_batches/bank_transactions/b1.rejects.jsonl";
    String otherBucket = "_batches/bank_transactions/b1.json";

    Response response =
        invoke(
            "{\"Records\": ["
                + record(ReportsLakeResource.HISTORY, rejects)
                + ", "
                + record(ReportsLakeResource.RAW, otherBucket)
                + "]}");

    response.then().statusCode(200);
    assertThat(response.<List<String>>path("datasets")).isEmpty();
    assertThat(response.<Integer>path("refreshed")).isZero();
    assertThat(ReportsLakeResource.athena().requests(START)).isEmpty();
  }

  @Test
  void aManifestOfADatasetNoMaterializedReportReadsRunsNothing() {
    Response response =
        invoke(
            "{\"Records\": ["
                + record(ReportsLakeResource.HISTORY, "_batches/telecom_usage/t1.json")
                + "]}");

    response.then().statusCode(200);
    assertThat(response.<List<String>>path("datasets")).containsExactly("telecom_usage");
    assertThat(response.<Integer>path("refreshed") + response.<Integer>path("upToDate")).isZero();
    assertThat(ReportsLakeResource.athena().requests(START)).isEmpty();
  }

  @Test
  void aFailedReportQueryFailsTheInvocationNamingTheReportAndEachRole() {
    // given a new batch, and Athena failing the report's query
    IngestResult batch = ingestBatch();
    ReportsLakeResource.athena().execution("FAILED", "SELECT ...", "HIVE_BAD_DATA: boom");

    // when
    Response response = invoke(manifestEvent(batch));

    // then the invocation fails, after trying the report for both roles
    assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
    assertThat(response.asString())
        .contains("RefreshFailedException")
        .contains("Cannot refresh 2 of 2 materialized reports")
        .contains(REPORT + " for role analyst")
        .contains(REPORT + " for role admin");
    assertThat(ReportsLakeResource.athena().requests(START)).hasSize(2);
  }

  @Test
  void theScheduleRefreshesEveryMaterializedReport() {
    // given a batch whose manifest event was lost
    ingestBatch();
    long snapshot = latestHistorySnapshot();

    // when the hourly schedule runs
    Response response =
        invoke(
            """
            {"version": "0", "id": "7bf73129-1428-4cd3-a780-95db273d1602",
             "detail-type": "Scheduled Event", "source": "aws.events",
             "time": "2024-01-15T07:00:00Z", "detail": {}}
            """);

    // then the report reflects it
    response.then().statusCode(200);
    assertThat(response.<List<String>>path("datasets")).containsExactly("*");
    assertThat(response.<Integer>path("failures")).isZero();
    assertThat(
            catalog
                .loadTable(tables.identifier(REPORT, "analyst"))
                .currentSnapshot()
                .summary()
                .get("strata.source-snapshots"))
        .isEqualTo("bank_transactions=" + snapshot);
  }

  private IngestResult ingestBatch() {
    int n = ++batches;
    StringBuilder csv =
        new StringBuilder(
            "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n");
    for (int i = 0; i < 3; i++) {
      csv.append(String.format("TX%010d", n * 100_000L + i))
          .append(",DE89370400440532013000,2024-01-15,")
          .append(i + 1)
          .append(".50,EUR,Shop ")
          .append(i)
          .append(",POS\n");
    }
    String key = "bank_transactions/batch-" + n + ".csv";
    store.put(
        ReportsLakeResource.RAW, key, csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
    ObjectInfo info = store.head(ReportsLakeResource.RAW, key).orElseThrow();
    IngestResult result =
        ingest.ingest(
            new RawObjectRef(
                ReportsLakeResource.RAW, key, null, info.eTag(), info.size(), Instant.now()));
    assertThat(result.outcome()).isEqualTo(IngestOutcome.COMMITTED);
    return result;
  }

  private long latestHistorySnapshot() {
    return history
        .snapshotAt("bank_transactions", null)
        .map(HistorySnapshot::snapshot)
        .orElseThrow()
        .snapshotId();
  }

  /** The rows of the table's current snapshot, read by DuckDB, ordered by their place. */
  private static List<String> rows(Table table) throws Exception {
    String files =
        ReportsLakeResource.lake()
            .duckDbFiles(new HistorySnapshot(table, table.currentSnapshot(), null).dataFiles());
    return DuckDb.query(
        "SELECT concat_ws('|', currency, total_amount, transactions, _strata_row) FROM"
            + " read_parquet("
            + files
            + ") ORDER BY _strata_row");
  }

  private static String manifestEvent(IngestResult batch) {
    return "{\"Records\": ["
        + record(
            ReportsLakeResource.HISTORY,
            "_batches/" + batch.dataset() + "/" + batch.batchId() + ".json")
        + "]}";
  }

  private static String record(String bucket, String key) {
    return """
        {"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
         "eventTime": "2024-01-15T06:00:00.000Z", "eventName": "ObjectCreated:Put",
         "s3": {"s3SchemaVersion": "1.0",
                "bucket": {"name": "%s", "arn": "arn:aws:s3:::%s"},
                "object": {"key": "%s", "size": 812, "eTag": "0123456789abcdef"}}}
        """
        .formatted(bucket, bucket, key);
  }

  private static Response invoke(String event) {
    return given().contentType(ContentType.JSON).body(event).when().post();
  }
}
