package io.strata.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryLabel;
import io.strata.core.query.SqlStatement;
import io.strata.core.testing.DuckDb;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The query API of the local lake end to end over HTTP: two drops of bank_transactions at different
 * times, then current vs history, as-of between the drops, masking for the analyst, a refused role,
 * ownership of queries, reports and a training export DuckDB reads back.
 */
@QuarkusTest
@TestProfile(QueryApiLakeProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalQueryApiTest {

  private static final Path RAW = Path.of("../../events/raw");
  private static final String ANALYST = "arn:aws:sts::000000000000:assumed-role/strata-analyst/ann";
  private static final String SCIENTIST = "arn:aws:iam::000000000000:role/strata-data-scientist";
  private static final String ADMIN = "arn:aws:iam::000000000000:role/strata-admin";

  private static Instant betweenDrops;

  @Inject RawBucketWatcher watcher;
  @Inject QueryEngine engine;

  @Test
  @Order(1)
  void twoDropsOfBankTransactionsAndOneOfTelecomUsageAreCommitted() {
    assertThat(
            drop(
                "bank_transactions/2024/01/15/transactions.csv",
                "bank_transactions/transactions-2024-01-15.csv"))
        .isEqualTo(IngestOutcome.COMMITTED);
    assertThat(drop("telecom_usage/2024/01/15/usage.jsonl", "telecom_usage/usage-2024-01-15.jsonl"))
        .isEqualTo(IngestOutcome.COMMITTED);
    betweenDrops = Instant.now();
    Awaitility.await().until(() -> Instant.now().isAfter(betweenDrops.plusMillis(5)));
    assertThat(
            drop(
                "bank_transactions/2024/01/16/transactions.csv",
                "bank_transactions/transactions-2024-01-16.csv"))
        .isEqualTo(IngestOutcome.COMMITTED);
  }

  @Test
  @Order(2)
  void currentShowsTheLatestVersionOfEachTransactionAndHistoryEveryVersion() {
    Response current = query(ADMIN, "bank_transactions", Map.of("view", "current", "limit", 1000));
    Response history = query(ADMIN, "bank_transactions", Map.of("view", "history", "limit", 1000));

    current.then().statusCode(200);
    history.then().statusCode(200);
    assertThat(current.<List<?>>path("rows")).hasSize(25);
    assertThat(history.<List<?>>path("rows")).hasSize(27);
    Response corrected =
        query(
            ADMIN,
            "bank_transactions",
            Map.of(
                "columns", List.of("transaction_id", "amount"),
                "filters",
                    List.of(
                        Map.of("column", "transaction_id", "op", "=", "value", "TX4100000016"))));
    assertThat(corrected.<Float>path("rows[0].amount")).isEqualTo(-35.90f);
    assertThat(corrected.<List<?>>path("rows")).hasSize(1);
  }

  @Test
  @Order(3)
  void asOfBetweenTheDropsShowsTheDatasetAsItWasKnownThen() {
    Response before =
        query(
            ADMIN,
            "bank_transactions",
            Map.of(
                "asOf", betweenDrops.toString(),
                "columns", List.of("transaction_id", "amount"),
                "filters",
                    List.of(
                        Map.of("column", "transaction_id", "op", "=", "value", "TX4100000016"))));
    Response all =
        query(
            ADMIN, "bank_transactions", Map.of("asOf", betweenDrops.toString(), "view", "history"));

    assertThat(before.<Float>path("rows[0].amount")).isEqualTo(-3.59f);
    assertThat(all.<List<?>>path("rows")).hasSize(21);
  }

  @Test
  @Order(4)
  void analystSeesTheIbanMaskedAndCannotFilterOnIt() {
    Response answer =
        query(
            ANALYST,
            "bank_transactions",
            Map.of("columns", List.of("transaction_id", "account_iban")));
    Response filtered =
        query(
            ANALYST,
            "bank_transactions",
            Map.of(
                "filters",
                List.of(Map.of("column", "account_iban", "op", "starts with", "value", "DE"))));

    answer.then().statusCode(200).body("columns[1].masked", equalTo(true));
    assertThat(answer.<List<String>>path("rows.account_iban"))
        .hasSize(25)
        .allSatisfy(iban -> assertThat(iban).matches("\\*+[A-Z0-9]{4}"));
    filtered.then().statusCode(403).body("error.code", equalTo("forbidden"));
  }

  @Test
  @Order(5)
  void roleWithoutTheDatasetIsRefusedWithTheRule() {
    query(SCIENTIST, "bank_transactions", Map.of())
        .then()
        .statusCode(403)
        .body("error.code", equalTo("forbidden"))
        .body("error.message", org.hamcrest.Matchers.startsWith("Role data-scientist may not"));
    as(null).get("/datasets").then().statusCode(403).body("error.code", equalTo("unauthenticated"));
  }

  @Test
  @Order(6)
  void onlyTheOwnerOrAnAdminReadsAQueryAndPagesFollowNextToken() {
    Response started = query(ANALYST, "bank_transactions", Map.of("view", "history", "limit", 27));
    String queryId = started.path("queryId");

    Response page = as(ANALYST).queryParam("pageSize", 10).get("/queries/" + queryId);
    page.then().statusCode(200);
    assertThat(page.<List<?>>path("rows")).hasSize(10);
    String next = page.path("nextToken");
    Response second =
        as(ANALYST)
            .queryParam("pageSize", 10)
            .queryParam("nextToken", next)
            .get("/queries/" + queryId);
    assertThat(second.<List<?>>path("rows")).hasSize(10);
    as(SCIENTIST)
        .get("/queries/" + queryId)
        .then()
        .statusCode(403)
        .body("error.code", equalTo("not_query_owner"));
    as(ADMIN).get("/queries/" + queryId).then().statusCode(200);
  }

  @Test
  @Order(7)
  void dataScientistExportsTelecomUsageAndDuckDbReadsItBack() throws Exception {
    Response export =
        as(SCIENTIST)
            .contentType(ContentType.JSON)
            .body(Map.of("view", "current"))
            .post("/datasets/telecom_usage/exports");

    export.then().statusCode(200);
    long rows = export.<Integer>path("export.rowCount");
    List<String> files = export.path("export.files");
    assertThat(rows).isEqualTo(21);
    assertThat(files).isNotEmpty();
    Path folder =
        QueryApiLakeProfile.DATA_DIR.resolve(
            "strata-analytics/"
                + URI.create(export.<String>path("export.location")).getPath().substring(1));
    assertThat(
            DuckDb.query(
                "SELECT count(*) FROM read_parquet('"
                    + folder.toAbsolutePath()
                    + "/**/*.parquet')"))
        .containsExactly("21");
    assertThat(folder.getParent().resolve("manifest.json")).exists();
    as(ANALYST)
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/datasets/bank_transactions/exports")
        .then()
        .statusCode(403);
  }

  @Test
  @Order(7)
  void exportNobodyPollsGetsItsManifestWhenTheEngineCompletes() throws Exception {
    // given an export statement started on the engine itself: no request waits for it, no poll
    String exportId = "unpolled-" + Long.toHexString(System.nanoTime());
    Path folder =
        QueryApiLakeProfile.DATA_DIR.resolve(
            "strata-analytics/exports/telecom_usage/" + exportId + "/");
    Files.createDirectories(folder.resolve("data"));
    QueryLabel label =
        new QueryLabel(
            "export",
            SCIENTIST,
            "data-scientist",
            "telecom_usage",
            null,
            "current",
            "2024-01-15T00:00:00Z",
            1,
            exportId,
            List.of("event_id"),
            List.of());
    SqlStatement unload =
        new SqlStatement(
            "COPY (SELECT range AS event_id FROM range(5)) TO '"
                + folder.resolve("data/part-0.parquet").toAbsolutePath()
                + "' (FORMAT parquet)",
            List.of());

    // when
    engine.start(label.applyTo(unload), null);

    // then
    Path manifest = folder.resolve("manifest.json");
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(manifest));
    JsonNode written = new ObjectMapper().readTree(manifest.toFile());
    assertThat(written.path("exportId").asText()).isEqualTo(exportId);
    assertThat(written.path("rowCount").asLong()).isEqualTo(5);
    assertThat(written.path("principal").asText()).isEqualTo(SCIENTIST);
    assertThat(written.path("files").get(0).asText())
        .isEqualTo(
            "s3://strata-analytics/exports/telecom_usage/" + exportId + "/data/part-0.parquet");
  }

  @Test
  @Order(8)
  void datasetsAndReportsAreListedAsTheRoleSeesThem() {
    as(SCIENTIST)
        .get("/datasets")
        .then()
        .statusCode(200)
        .body("name", equalTo(List.of("telecom_usage")));
    as(ANALYST)
        .get("/datasets/telecom_usage")
        .then()
        .statusCode(200)
        .body(
            "columns.name",
            org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("subscriber_id")));
    as(ANALYST)
        .get("/reports")
        .then()
        .statusCode(200)
        .body("name", org.hamcrest.Matchers.hasItem("daily_balance"));
    Response report =
        as(ANALYST)
            .contentType(ContentType.JSON)
            .body(Map.of("parameters", Map.of("from", "2024-01-13", "to", "2024-01-16")))
            .post("/reports/daily_balance");
    report.then().statusCode(200);
    assertThat(report.<List<?>>path("rows")).isNotEmpty();
  }

  @Test
  @Order(9)
  void openApiDocumentGeneratedFromTheCodeListsTheEightRoutes() {
    Response openApi = given().queryParam("format", "json").get("/q/openapi");

    openApi.then().statusCode(200);
    assertThat(openApi.<Map<String, Object>>path("paths").keySet())
        .containsExactlyInAnyOrder(
            "/datasets",
            "/datasets/{dataset}",
            "/datasets/{dataset}/query",
            "/datasets/{dataset}/exports",
            "/datasets/{dataset}/quality",
            "/datasets/{dataset}/quarantine",
            "/datasets/{dataset}/quarantine/{batchId}",
            "/queries/{queryId}",
            "/reports",
            "/reports/{name}");
  }

  private IngestOutcome drop(String key, String sample) {
    try (S3Client s3 = client()) {
      s3.putObject(b -> b.bucket("strata-raw").key(key), RequestBody.fromFile(RAW.resolve(sample)));
    }
    List<IngestResult> results =
        watcher.scan(false).results().stream().filter(r -> r.sourceUri().endsWith(key)).toList();
    assertThat(results).hasSize(1);
    return results.get(0).outcome();
  }

  private static Response query(String principal, String dataset, Map<String, Object> body) {
    return as(principal)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/datasets/" + dataset + "/query");
  }

  private static RequestSpecification as(String principal) {
    RequestSpecification request = given().accept(ContentType.JSON);
    return principal == null ? request : request.header("X-Strata-Principal", principal);
  }

  private static S3Client client() {
    return TestLakes.s3Client(QueryApiLakeProfile.S3_PORT);
  }
}
