package io.strata.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the local lake serves, held against the lake's real answers: every answer a
 * client can get is documented for its route and status, and its body validates against the
 * documented schema (JSON Schema 2020-12 with OpenAPI 3.1's vocabulary). Each documented response
 * is exercised, except those the local lake cannot be made to give on demand, which are named.
 */
@QuarkusTest
@TestProfile(TelecomLakeProfile.class)
class LocalOpenApiContractTest {

  private static final String ADMIN = "arn:aws:iam::000000000000:role/strata-admin";
  private static final String ANALYST = "arn:aws:iam::000000000000:role/strata-analyst";
  private static final String SCIENTIST = "arn:aws:iam::000000000000:role/strata-data-scientist";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Answers the local lake gives only under load, on engine failures or on server bugs. */
  private static final Set<String> NOT_PRODUCIBLE_ON_DEMAND =
      Set.of("202", "429", "500", "502", "503", "406");

  @Inject RawBucketWatcher watcher;

  @Test
  void everyDocumentedResponseValidatesAgainstRealAnswers() throws Exception {
    TelecomLakeProfile.ensureIngested(watcher);
    JsonNode document =
        JSON.readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    OpenApiAnswers checker = new OpenApiAnswers(document);
    String queryId =
        checker.check(
            "/datasets/{dataset}/query", "post", query(ADMIN, "telecom_usage", "{\"limit\":3}"));
    String now = Instant.now().toString();

    checker.check("/datasets", "get", as(ADMIN).get("/datasets"));
    checker.check("/datasets", "get", as(null).get("/datasets"));
    checker.check(
        "/datasets", "get", as(ADMIN).header("X-Padding", "p".repeat(20_000)).get("/datasets"));
    checker.check("/datasets", "get", as(ADMIN).get("/datasets?x=" + "y".repeat(9000)));
    checker.check("/datasets", "get", as(ADMIN).delete("/datasets"));
    checker.check("/datasets/{dataset}", "get", as(ANALYST).get("/datasets/telecom_usage"));
    checker.check("/datasets/{dataset}", "get", as(ADMIN).get("/datasets/bank_transactions"));
    checker.check(
        "/datasets/{dataset}/quarantine",
        "get",
        as(ADMIN).get("/datasets/bank_transactions/quarantine"));
    checker.check(
        "/datasets/{dataset}/quarantine/{batchId}",
        "get",
        as(ADMIN).get("/datasets/bank_transactions/quarantine/ffffffffffff"));
    String quarantined = TelecomLakeProfile.quarantineBrokenBankDrop(watcher);
    checker.check(
        "/datasets/{dataset}/quarantine/{batchId}",
        "get",
        as(ADMIN).get("/datasets/bank_transactions/quarantine/" + quarantined));
    checker.check("/datasets/{dataset}", "get", as(SCIENTIST).get("/datasets/bank_transactions"));
    checker.check("/datasets/{dataset}", "get", as(ADMIN).get("/datasets/nope"));
    checker.check(
        "/datasets/{dataset}/quality", "get", as(ANALYST).get("/datasets/telecom_usage/quality"));
    checker.check(
        "/datasets/{dataset}/quality",
        "get",
        as(SCIENTIST).get("/datasets/bank_transactions/quality"));
    checker.check(
        "/datasets/{dataset}/query", "post", query(ADMIN, "telecom_usage", "{\"colums\":[]}"));
    checker.check("/datasets/{dataset}/query", "post", query(ADMIN, "bank_transactions", "{}"));
    checker.check("/datasets/{dataset}/query", "post", query(SCIENTIST, "bank_transactions", "{}"));
    checker.check("/datasets/{dataset}/query", "post", query(ADMIN, "nope", "{}"));
    checker.check(
        "/datasets/{dataset}/query",
        "post",
        query(ADMIN, "telecom_usage", "{\"columns\":[\"" + "x".repeat(1_100_000) + "\"]}"));
    checker.check(
        "/datasets/{dataset}/query",
        "post",
        as(ADMIN).contentType(ContentType.TEXT).body("x").post("/datasets/telecom_usage/query"));
    checker.check(
        "/datasets/{dataset}/query", "post", keyed(ADMIN, "k1", "telecom_usage", "{\"limit\":1}"));
    checker.check(
        "/datasets/{dataset}/query", "post", keyed(ADMIN, "k1", "telecom_usage", "{\"limit\":2}"));
    checker.check(
        "/datasets/{dataset}/query",
        "post",
        query(
            ADMIN,
            "telecom_usage",
            "{\"columns\":[\"event_id\"],\"filters\":[{\"column\":\"event_type\",\"op\":\"in\","
                + "\"values\":[\"call\",\"sms\"]}],\"orderBy\":[{\"column\":\"event_id\","
                + "\"direction\":\"desc\"}],\"view\":\"history\",\"asOf\":\""
                + now
                + "\"}"));
    checker.check("/datasets/{dataset}/exports", "post", export(SCIENTIST, "telecom_usage", "{}"));
    checker.check("/datasets/{dataset}/exports", "post", export(ADMIN, "bank_transactions", "{}"));
    checker.check("/datasets/{dataset}/exports", "post", export(ANALYST, "telecom_usage", "{}"));
    checker.check(
        "/datasets/{dataset}/exports", "post", export(SCIENTIST, "telecom_usage", "{\"limit\":1}"));
    checker.check(
        "/queries/{queryId}",
        "get",
        as(ADMIN).queryParam("pageSize", 1).get("/queries/" + queryId));
    checker.check(
        "/queries/{queryId}",
        "get",
        as(ADMIN).queryParam("nextToken", "cDE6eDox").get("/queries/" + queryId));
    checker.check("/queries/{queryId}", "get", as(ANALYST).get("/queries/" + queryId));
    checker.check("/queries/{queryId}", "get", as(ADMIN).get("/queries/no-such-query"));
    checker.check("/reports", "get", as(ANALYST).get("/reports"));
    checker.check(
        "/reports/{name}",
        "post",
        report(
            ANALYST,
            "usage_by_day",
            "{\"parameters\":{\"from\":\"2024-01-01\",\"to\":\"2024-01-31\"}}"));
    checker.check(
        "/reports/{name}",
        "post",
        report(ANALYST, "usage_by_day", "{\"parameters\":{\"from\":\"soon\"}}"));
    // A materialized report with no table yet: a live run whose answer says why.
    checker.check("/reports/{name}", "post", report(ANALYST, "balance_by_currency", "{}"));
    checker.check("/reports/{name}", "post", report(SCIENTIST, "daily_balance", "{}"));
    checker.check("/reports/{name}", "post", report(ANALYST, "nope", "{}"));
    checker.check(
        "/datasets/{dataset}/exports", "post", keyedExport("e1", "{\"asOf\":\"" + now + "\"}"));
    checker.check(
        "/datasets/{dataset}/exports",
        "post",
        keyedExport("e1", "{\"asOf\":\"" + now + "\",\"view\":\"history\"}"));

    assertThat(checker.problems()).isEmpty();
    assertThat(checker.unexercised(NOT_PRODUCIBLE_ON_DEMAND)).isEmpty();
    assertThat(document.at("/components/securitySchemes/principalHeader/name").asText())
        .isEqualTo("X-Strata-Principal");
    assertThat(document.at("/security/0").has("principalHeader")).isTrue();
    assertThat(document.at("/components/schemas/FilterRequest/properties/op/enum").toString())
        .contains("\"starts with\"", "\"is not null\"", "\"between\"");
    assertThat(document.at("/components/schemas/QueryRequest/properties/view/enum").toString())
        .isEqualTo("[\"current\",\"history\"]");
  }

  private static Response query(String principal, String dataset, String body) {
    return as(principal)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/datasets/" + dataset + "/query");
  }

  private static Response keyed(String principal, String key, String dataset, String body) {
    return as(principal)
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/datasets/" + dataset + "/query");
  }

  private static Response export(String principal, String dataset, String body) {
    return as(principal)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/datasets/" + dataset + "/exports");
  }

  private static Response keyedExport(String key, String body) {
    return as(SCIENTIST)
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/datasets/telecom_usage/exports");
  }

  private static Response report(String principal, String name, String body) {
    return as(principal).contentType(ContentType.JSON).body(body).post("/reports/" + name);
  }

  private static RequestSpecification as(String principal) {
    RequestSpecification request = given().accept(ContentType.JSON);
    return principal == null ? request : request.header("X-Strata-Principal", principal);
  }
}
