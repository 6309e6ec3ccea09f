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
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The query API's bounds and its one error shape over real HTTP: hostile sizes are refused before
 * they cost anything, every refusal (also those of the HTTP layer) is {@code {"error":{...}}}, and
 * an admin's one-row query answers promptly while two callers keep sending oversized requests.
 */
@QuarkusTest
@TestProfile(TelecomLakeProfile.class)
class LocalQueryLimitsTest {

  private static final String ADMIN = "arn:aws:iam::000000000000:role/strata-admin";
  private static final String SCIENTIST = "arn:aws:iam::000000000000:role/strata-data-scientist";
  private static final String ANALYST = "arn:aws:iam::000000000000:role/strata-analyst";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject RawBucketWatcher watcher;

  @BeforeEach
  void telecomUsageIsIngested() {
    TelecomLakeProfile.ensureIngested(watcher);
  }

  @Test
  void structurallyWrongJsonIsBadJsonOnTheQueryReportAndExportRoutes() {
    List<String> bodies =
        List.of(
            "{\"colums\":[\"event_id\"]}",
            "{\"limit\":\"many\"}",
            "[]",
            "{\"filters\":[[[[[{\"column\":\"event_id\"}]]]]]}",
            "{\"columns\":\"event_id\"}",
            "{\"columns\": [\"event_id\"");
    for (String body : bodies) {
      for (String route :
          List.of(
              "/datasets/telecom_usage/query",
              "/datasets/telecom_usage/exports",
              "/reports/daily_balance")) {
        Response answer = as(ADMIN).contentType(ContentType.JSON).body(body).post(route);
        assertErrorShape(answer, 400, "bad_json");
        assertThat(answer.<String>path("error.message"))
            .startsWith("Cannot read the request body:");
      }
    }
    byte[] deep = ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
    assertErrorShape(
        as(ADMIN).contentType(ContentType.JSON).body(deep).post("/datasets/telecom_usage/query"),
        400,
        "bad_json");
  }

  @Test
  void requestsLargerThanTheLimitsAreRefusedInTheErrorShape() throws Exception {
    StringBuilder manyFilters = new StringBuilder("{\"filters\":[");
    for (int i = 0; i < 2000; i++) {
      manyFilters.append(i == 0 ? "" : ",");
      manyFilters.append("{\"column\":\"event_id\",\"op\":\"in\",\"values\":[\"a\",\"b\"]}");
    }
    String hugeBody = "{\"columns\":[\"" + "x".repeat(2 * 1024 * 1024) + "\"]}";
    List<String> manyValues = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      manyValues.add("v" + i);
    }

    assertErrorShape(query(ADMIN, manyFilters.append("]}").toString()), 400, "too_many_filters");
    assertErrorShape(
        query(
            ADMIN,
            Map.of(
                "filters",
                List.of(Map.of("column", "event_id", "op", "in", "values", manyValues)))),
        400,
        "too_many_values");
    assertErrorShape(
        query(ADMIN, Map.of("columns", java.util.Collections.nCopies(201, "event_id"))),
        400,
        "too_many_columns");
    assertErrorShape(query(ADMIN, hugeBody), 413, "body_too_large");
    assertErrorShape(
        as(ADMIN)
            .contentType(ContentType.JSON)
            .body(new ByteArrayInputStream(hugeBody.getBytes(StandardCharsets.UTF_8)))
            .post("/datasets/telecom_usage/query"),
        413,
        "body_too_large");
    assertErrorShape(as(ADMIN).get("/datasets/" + "d".repeat(10_000)), 414, "uri_too_long");
    assertErrorShape(
        as(ADMIN).header("X-Padding", "p".repeat(30_000)).get("/datasets"),
        431,
        "headers_too_large");
  }

  @Test
  void forgedPageTokensAre400BadValue() {
    String queryId =
        query(ADMIN, Map.of("columns", List.of("event_id"), "limit", 5)).path("queryId");
    Response forged =
        as(ADMIN).queryParam("nextToken", "cDE6Zm9yZ2VkOjM").get("/queries/" + queryId);

    assertErrorShape(forged, 400, "bad_value");
  }

  @Test
  void reusingAnIdempotencyKeyForAnotherRequestIs422AndLeavesNoFolderBehind() throws Exception {
    String now = java.time.Instant.now().toString();
    Map<String, Object> first = Map.of("view", "current", "asOf", now);
    Map<String, Object> other = Map.of("view", "history", "asOf", now);
    Response exported = export("nightly-1", first);
    List<String> foldersBefore = exportFolders();

    Response reused = export("nightly-1", other);
    Response retried = export("nightly-1", first);
    Response queried = keyed("q-1", Map.of("columns", List.of("event_id")));
    Response queriedOther = keyed("q-1", Map.of("columns", List.of("event_type")));

    exported.then().statusCode(200);
    assertErrorShape(reused, 422, "idempotency_key_reused");
    assertThat(exportFolders()).isEqualTo(foldersBefore);
    retried.then().statusCode(200);
    assertThat(retried.<String>path("export.exportId"))
        .isEqualTo(exported.<String>path("export.exportId"));
    queried.then().statusCode(200);
    assertErrorShape(queriedOther, 422, "idempotency_key_reused");
  }

  @Test
  void anAdminsOneRowQueryAnswersPromptlyWhileTwoCallersSendOversizedRequests() throws Exception {
    StringBuilder heavy = new StringBuilder("{\"filters\":[");
    for (int i = 0; i < 2000; i++) {
      heavy.append(i == 0 ? "" : ",");
      heavy.append("{\"column\":\"event_id\",\"op\":\"!=\",\"value\":\"x").append(i).append("\"}");
    }
    String heavyBody = heavy.append("]}").toString();
    byte[] hugeBody =
        ("{\"columns\":[\"" + "x".repeat(1536 * 1024) + "\"]}").getBytes(StandardCharsets.UTF_8);
    // The first query of a fresh engine pays for DuckDB's start; it is not what is measured here.
    query(ADMIN, Map.of("columns", List.of("event_id"), "limit", 1)).then().statusCode(200);
    List<LogRecord> audit = new CopyOnWriteArrayList<>();
    Handler capture = capturing(audit);
    Logger.getLogger("io.strata.audit").addHandler(capture);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    Response oneRow;
    List<List<Integer>> heavyStatuses = new ArrayList<>();
    try {
      List<Future<List<Integer>>> heavyCallers = new ArrayList<>();
      for (String caller : List.of(SCIENTIST, ANALYST)) {
        heavyCallers.add(
            callers.submit(
                () -> {
                  List<Integer> statuses = new ArrayList<>();
                  for (int i = 0; i < 6; i++) {
                    Object body = i % 3 == 2 ? hugeBody : heavyBody;
                    statuses.add(query(caller, body).statusCode());
                  }
                  return statuses;
                }));
      }
      oneRow = query(ADMIN, Map.of("columns", List.of("event_id"), "limit", 2));
      for (Future<List<Integer>> caller : heavyCallers) {
        heavyStatuses.add(caller.get());
      }
    } finally {
      callers.shutdownNow();
      Logger.getLogger("io.strata.audit").removeHandler(capture);
    }

    oneRow.then().statusCode(200);
    assertThat(oneRow.<List<?>>path("rows")).hasSize(2);
    assertThat(heavyStatuses).allSatisfy(s -> assertThat(s).containsOnly(400, 413));
    List<JsonNode> lines = new ArrayList<>();
    for (LogRecord record : audit) {
      String line = ((ExtLogRecord) record).getFormattedMessage();
      assertThat(line.length()).isLessThan(2000);
      lines.add(JSON.readTree(line));
    }
    // Eight refusals of too many filters and the admin's query are each one audit line; the 413s
    // are audited as the HTTP layer sees them (a client may retry, or give up on, a request the
    // server refused while the body was still being sent), so they are not counted here.
    assertThat(lines)
        .filteredOn(l -> "too_many_filters".equals(l.path("outcome").asText()))
        .hasSize(8);
    assertThat(lines)
        .filteredOn(l -> !ADMIN.equals(l.path("principal").asText()))
        .allSatisfy(l -> assertThat(l.get("status").asInt()).isIn(400, 413));
    JsonNode admins =
        lines.stream().filter(l -> ADMIN.equals(l.path("principal").asText())).findFirst().get();
    // Measured by the server, so a busy test machine's client threads do not count.
    assertThat(admins.get("durationMs").asLong()).isLessThan(5000);
  }

  private static void assertErrorShape(Response answer, int status, String code) {
    answer
        .then()
        .statusCode(status)
        .contentType(ContentType.JSON)
        .body("error.code", equalTo(code))
        .body("error.status", equalTo(status));
    assertThat(answer.<String>path("error.message")).isNotBlank();
  }

  private static Response query(String principal, Object body) {
    return as(principal)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/datasets/telecom_usage/query");
  }

  private static Response keyed(String key, Map<String, Object> body) {
    return as(ADMIN)
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/datasets/telecom_usage/query");
  }

  private static Response export(String key, Map<String, Object> body) {
    return as(SCIENTIST)
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/datasets/telecom_usage/exports");
  }

  private static List<String> exportFolders() throws IOException {
    Path exports = TelecomLakeProfile.DATA_DIR.resolve("strata-analytics/exports/telecom_usage");
    if (!Files.isDirectory(exports)) {
      return List.of();
    }
    try (Stream<Path> folders = Files.list(exports)) {
      return folders.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Handler capturing(List<LogRecord> records) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  private static RequestSpecification as(String principal) {
    return given().accept(ContentType.JSON).header("X-Strata-Principal", principal);
  }
}
