package io.strata.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.materialize.ReportTables;
import io.strata.core.table.HistoryTables;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The demo report {@code balance_by_currency} ({@code materialize: on_commit}) end to end: every
 * ingested drop refreshes one table per role that may run it, the API serves each role its own
 * table and says so, and runs the report live (saying why) when the role's table is missing.
 */
@QuarkusTest
@TestProfile(MaterializedReportsLakeProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalMaterializedReportsTest {

  private static final Path RAW = Path.of("../../events/raw");
  private static final String ANALYST = "arn:aws:iam::000000000000:role/strata-analyst";
  private static final String SCIENTIST = "arn:aws:iam::000000000000:role/strata-data-scientist";
  private static final String ADMIN = "arn:aws:iam::000000000000:role/strata-admin";
  private static final String REPORT = "balance_by_currency";

  private static List<Map<String, Object>> firstRows;

  @Inject RawBucketWatcher watcher;
  @Inject ReportTables reports;
  @Inject HistoryTables history;
  @Inject Catalog catalog;

  @Test
  @Order(1)
  void aCommitRefreshesOneTablePerRoleThatMayRunTheReport() {
    assertThat(
            drop(
                "bank_transactions/2024/01/15/transactions.csv",
                "bank_transactions/transactions-2024-01-15.csv"))
        .isEqualTo(IngestOutcome.COMMITTED);

    Table analyst = reports.load(REPORT, "analyst").orElseThrow();
    Table admin = reports.load(REPORT, "admin").orElseThrow();
    assertThat(analyst.location()).endsWith("/_reports/balance_by_currency/analyst");
    assertThat(admin.location()).endsWith("/_reports/balance_by_currency/admin");
    assertThat(analyst.snapshots()).hasSize(1);
    assertThat(reports.load(REPORT, "data-scientist")).isEmpty();
  }

  @Test
  @Order(2)
  void eachRoleIsServedFromItsOwnCurrentTable() {
    Response analyst = run(ANALYST);
    Response admin = run(ADMIN);

    analyst.then().statusCode(200);
    admin.then().statusCode(200);
    long latest = latestBankSnapshot();
    assertThat(analyst.<String>path("materialization.source")).isEqualTo("materialized");
    assertThat(analyst.<Long>path("materialization.fromSnapshots.bank_transactions"))
        .isEqualTo(latest);
    assertThat(analyst.<String>path("materialization.materializedAt")).isNotBlank();
    assertThat(admin.<String>path("materialization.source")).isEqualTo("materialized");
    firstRows = analyst.path("rows");
    assertThat(firstRows).isNotEmpty();
    assertThat(firstRows.get(0)).containsOnlyKeys("currency", "total_amount", "transactions");
    assertThat(analyst.<List<String>>path("columns.name"))
        .containsExactly("currency", "total_amount", "transactions");
  }

  @Test
  @Order(3)
  void aRoleWhoseTableIsMissingGetsTheSameRowsLiveAndIsToldSo() {
    catalog.dropTable(reports.identifier(REPORT, "analyst"), false);

    Response live = run(ANALYST);

    live.then().statusCode(200);
    assertThat(live.<String>path("materialization.source")).isEqualTo("live");
    assertThat(live.<String>path("materialization.reason")).isEqualTo("missing");
    assertThat(live.<List<Map<String, Object>>>path("rows")).isEqualTo(firstRows);
    assertThat(run(ADMIN).<String>path("materialization.source")).isEqualTo("materialized");
  }

  @Test
  @Order(4)
  void theNextCommitRefreshesAgainAndServesTheNewRows() {
    assertThat(
            drop(
                "bank_transactions/2024/01/16/transactions.csv",
                "bank_transactions/transactions-2024-01-16.csv"))
        .isEqualTo(IngestOutcome.COMMITTED);

    Response analyst = run(ANALYST);

    assertThat(analyst.<String>path("materialization.source")).isEqualTo("materialized");
    assertThat(analyst.<Long>path("materialization.fromSnapshots.bank_transactions"))
        .isEqualTo(latestBankSnapshot());
    assertThat(analyst.<List<Map<String, Object>>>path("rows")).isNotEqualTo(firstRows);
    assertThat(reports.load(REPORT, "admin").orElseThrow().snapshots()).hasSize(2);
  }

  @Test
  @Order(5)
  void aRoleThatMayNotRunTheReportIsRefusedAsBefore() {
    run(SCIENTIST).then().statusCode(403);
  }

  private long latestBankSnapshot() {
    return history.snapshotAt("bank_transactions", null).orElseThrow().snapshot().snapshotId();
  }

  private static Response run(String principal) {
    return given()
        .accept(ContentType.JSON)
        .header("X-Strata-Principal", principal)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/reports/" + REPORT);
  }

  private IngestOutcome drop(String key, String sample) {
    try (S3Client s3 = TestLakes.s3Client(MaterializedReportsLakeProfile.S3_PORT)) {
      s3.putObject(b -> b.bucket("strata-raw").key(key), RequestBody.fromFile(RAW.resolve(sample)));
    }
    List<IngestResult> results =
        watcher.scan(false).results().stream().filter(r -> r.sourceUri().endsWith(key)).toList();
    assertThat(results).hasSize(1);
    return results.get(0).outcome();
  }
}
