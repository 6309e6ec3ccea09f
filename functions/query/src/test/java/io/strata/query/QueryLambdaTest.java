package io.strata.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.strata.aws.testing.AthenaStandIn;
import io.strata.core.ingest.LakeJson;
import io.strata.core.ingest.QuarantineReport;
import io.strata.core.validate.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The query Lambda through the mock event server: raw API Gateway v2 events from {@code events/}
 * carrying IAM identities, the real Athena and Glue clients talking to WireMock, S3 on s3proxy.
 */
@QuarkusTest
@WithTestResource(QueryLakeResource.class)
class QueryLambdaTest {

  private static final Path EVENTS = Path.of("../../events");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UNLOAD =
      "UNLOAD (SELECT 1) TO 's3://strata-analytics/exports/' WITH (format = 'PARQUET')";
  private static final String ANALYST = "arn:aws:iam::123456789012:role/StrataAnalyst";

  private static S3Client s3;
  private AthenaStandIn athena;

  @BeforeAll
  static void client() {
    s3 = QueryLakeResource.server().newClient();
  }

  @BeforeEach
  void athena() {
    athena = QueryLakeResource.athena();
    athena.reset();
  }

  @Test
  void analystListsBothDatasetsWithTheLastIngest() throws Exception {
    JsonNode answer = invoke(event("api-list-datasets-analyst.json"));

    assertThat(answer.get("statusCode").asInt()).isEqualTo(200);
    JsonNode body = body(answer);
    assertThat(body.findValuesAsText("name")).containsExactly("bank_transactions", "telecom_usage");
    assertThat(body.get(0).at("/lastIngest/batchId").asText())
        .isEqualTo(BackdatedHistory.BANK_BATCH);
    assertThat(body.get(0).at("/lastIngest/committedAt").asText())
        .isEqualTo(BackdatedHistory.COMMITTED.toString());
    assertThat(body.get(0).at("/lastIngest/rowsAccepted").asLong()).isEqualTo(21);
  }

  @Test
  void dataScientistSeesOnlyTelecomUsage() throws Exception {
    ObjectNode event = event("api-list-datasets-analyst.json");
    asRole(event, "StrataDataScientist");

    JsonNode body = body(invoke(event));

    assertThat(body.findValuesAsText("name")).containsExactly("telecom_usage");
  }

  @Test
  void analystDescribesBankTransactionsWithTheIbanMaskedAndTheTablesPartitions() throws Exception {
    JsonNode body = body(invoke(event("api-describe-bank-transactions-analyst.json")));

    JsonNode iban = column(body, "account_iban");
    assertThat(iban.get("masked").asBoolean()).isTrue();
    assertThat(column(body, "amount").get("type").asText()).isEqualTo("decimal(18,2)");
    assertThat(body.get("partitions").toString()).isEqualTo("[\"2024-01-14\",\"2024-01-15\"]");
    assertThat(body.at("/recentBatches/0/batchId").asText()).isEqualTo(BackdatedHistory.BANK_BATCH);
  }

  @Test
  void analystQueryRunsInAthenaWithBoundParametersAndAnswersTypedRows() throws Exception {
    athena.execution("SUCCEEDED", "SELECT 1", null);
    athena.results(
        List.of(
            new String[] {"transaction_id", "varchar"},
            new String[] {"account_iban", "varchar"},
            new String[] {"booking_date", "date"},
            new String[] {"amount", "decimal", "18", "2"},
            new String[] {"currency", "varchar"}),
        List.<String[]>of(
            new String[] {"TX4100000016", "************3948", "2024-01-15", "-35.90", "EUR"}));

    JsonNode answer = invoke(event("api-query-bank-transactions-analyst.json"));

    assertThat(answer.get("statusCode").asInt()).isEqualTo(200);
    JsonNode body = body(answer);
    assertThat(body.get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(answer.get("body").asText())
        .contains(
            "\"rows\":[{\"transaction_id\":\"TX4100000016\",\"account_iban\":\"************3948\","
                + "\"booking_date\":\"2024-01-15\",\"amount\":-35.90,\"currency\":\"EUR\"}]");
    assertThat(body.at("/columns/1/masked").asBoolean()).isTrue();
    JsonNode start = athena.requests("AmazonAthena.StartQueryExecution").get(0);
    assertThat(start.get("WorkGroup").asText()).isEqualTo("strata");
    assertThat(start.at("/QueryExecutionContext/Database").asText()).isEqualTo("lake");
    String sql = start.get("QueryString").asText();
    assertThat(sql).startsWith("/* strata:{\"kind\":\"query\",\"owner\":\"" + ANALYST + "\"");
    assertThat(sql)
        .contains(
            "FROM \"lake\".\"bank_transactions\" FOR TIMESTAMP AS OF TIMESTAMP '2024-01-16"
                + " 09:00:00.000000 UTC'")
        .contains("lpad(")
        .doesNotContain("EUR");
    assertThat(start.get("ExecutionParameters").toString())
        .contains("'EUR'", "DATE '2024-01-01'", "DATE '2024-01-31'");
  }

  @Test
  void everyRequestWritesOneAuditLineWithFiltersButNeverTheirValues() throws Exception {
    athena.execution("SUCCEEDED", "SELECT 1", null);
    athena.results(
        List.<String[]>of(new String[] {"transaction_id", "varchar"}), List.<String[]>of());
    List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
    Handler capture = capturing(lines);
    Logger audit = Logger.getLogger("io.strata.audit");
    audit.addHandler(capture);
    try {
      invoke(event("api-query-bank-transactions-analyst.json"));
      invoke(event("api-query-bank-transactions-data-scientist.json"));
    } finally {
      audit.removeHandler(capture);
    }

    assertThat(lines).hasSize(2);
    JsonNode served = JSON.readTree(lines.get(0).getFormattedMessage());
    assertThat(served.get("principal").asText()).isEqualTo(ANALYST);
    assertThat(served.get("role").asText()).isEqualTo("analyst");
    assertThat(served.get("route").asText()).isEqualTo("POST /datasets/{dataset}/query");
    assertThat(served.get("dataset").asText()).isEqualTo("bank_transactions");
    assertThat(served.get("columns").get(0).asText()).isEqualTo("transaction_id");
    assertThat(served.get("filters").toString())
        .isEqualTo("[\"currency = ?\",\"booking_date between ?\"]");
    assertThat(served.get("queryId").asText()).isEqualTo(AthenaStandIn.QUERY_ID);
    assertThat(served.get("status").asInt()).isEqualTo(200);
    assertThat(served.get("outcome").asText()).isEqualTo("ok");
    assertThat(served.get("bytesScanned").asLong()).isEqualTo(48213);
    assertThat(served.toString()).doesNotContain("EUR").doesNotContain("2024-01-31");
    JsonNode refused = JSON.readTree(lines.get(1).getFormattedMessage());
    assertThat(refused.get("role").asText()).isEqualTo("data-scientist");
    assertThat(refused.get("status").asInt()).isEqualTo(403);
    assertThat(refused.get("outcome").asText()).isEqualTo("forbidden");
    assertThat(refused.has("queryId")).isFalse();
  }

  @Test
  void encodedLineBreaksAndBidiControlsInThePathCannotPlantAnAuditRecord() throws Exception {
    String forged =
        "/datasets/x%0A%7B%22type%22:%22audit%22,%22principal%22:%22strata-admin"
            + "%22,%22outcome%22:%22ok%22%7D%0D%00%E2%80%A8%E2%80%AE";
    ObjectNode event = event("api-describe-bank-transactions-analyst.json");
    event.put("rawPath", forged);
    ((ObjectNode) event.at("/requestContext/http")).put("path", forged);
    event.remove("pathParameters");
    List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
    Handler capture = capturing(lines);
    Logger audit = Logger.getLogger("io.strata.audit");
    audit.addHandler(capture);
    JsonNode answer;
    try {
      answer = invoke(event);
    } finally {
      audit.removeHandler(capture);
    }

    assertThat(answer.get("statusCode").asInt()).isEqualTo(404);
    assertThat(lines).hasSize(1);
    String line = lines.get(0).getFormattedMessage();
    assertThat(line).matches("\\{[\\x20-\\x7e]+\\}");
    JsonNode record = JSON.readTree(line);
    assertThat(record.get("principal").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/StrataAnalyst");
    assertThat(record.get("dataset").asText())
        .startsWith("x\n{\"type\":\"audit\"")
        .endsWith("\r\u0000\u2028\u202e");
    assertThat(record.get("outcome").asText()).isEqualTo("dataset_not_found");
  }

  @Test
  void analystReadsTheQuarantineReportsOfItsDatasetWithoutTheValuesOfMaskedColumns()
      throws Exception {
    // given: a report as ingest leaves it beside a quarantined drop
    String batch = "0123456789abcdef01234567";
    QuarantineReport report =
        new QuarantineReport(
            "bank_transactions",
            batch,
            "s3://strata-raw/bank_transactions/broken.csv",
            null,
            "9b2cf535f27731c974343645a3985328",
            1,
            "error_policy",
            "Quarantined s3://strata-raw/bank_transactions/broken.csv: 2 of 3 rows broke rules",
            3,
            2,
            2,
            List.of(
                new Violation(2, "account_iban", "pattern", "DE89**************3000", "bad IBAN"),
                new Violation(3, "currency", "allowed", "XXX", "not one of EUR, USD, GBP")),
            "s3://strata-history/_quarantine/bank_transactions/" + batch + "/source/broken.csv",
            Instant.parse("2024-01-16T06:00:00Z"),
            List.of(),
            null);
    s3.putObject(
        b ->
            b.bucket(QueryLakeResource.HISTORY)
                .key("_quarantine/bank_transactions/" + batch + "/report.json"),
        RequestBody.fromBytes(LakeJson.mapper().writeValueAsBytes(report)));

    // when
    JsonNode listed =
        invoke(
            route(
                "GET /datasets/{dataset}/quarantine",
                "/datasets/bank_transactions/quarantine",
                Map.of("dataset", "bank_transactions")));
    JsonNode read =
        invoke(
            route(
                "GET /datasets/{dataset}/quarantine/{batchId}",
                "/datasets/bank_transactions/quarantine/" + batch,
                Map.of("dataset", "bank_transactions", "batchId", batch)));
    ObjectNode asScientist =
        route(
            "GET /datasets/{dataset}/quarantine/{batchId}",
            "/datasets/bank_transactions/quarantine/" + batch,
            Map.of("dataset", "bank_transactions", "batchId", batch));
    asRole(asScientist, "StrataDataScientist");

    // then
    assertThat(listed.get("statusCode").asInt()).isEqualTo(200);
    assertThat(body(listed).get(0).get("batchId").asText()).isEqualTo(batch);
    assertThat(body(listed).get(0).get("reason").asText()).isEqualTo("error_policy");
    assertThat(read.get("statusCode").asInt()).isEqualTo(200);
    JsonNode errors = body(read).get("errors");
    assertThat(errors.get(0).get("column").asText()).isEqualTo("account_iban");
    assertThat(errors.get(0).has("value")).as("the analyst sees the IBAN masked").isFalse();
    assertThat(errors.get(1).get("value").asText()).isEqualTo("XXX");
    assertThat(invoke(asScientist).get("statusCode").asInt()).isEqualTo(403);
  }

  @Test
  void roleWithoutTheDatasetIsRefusedBeforeAthenaIsAsked() throws Exception {
    JsonNode answer = invoke(event("api-query-bank-transactions-data-scientist.json"));

    assertThat(answer.get("statusCode").asInt()).isEqualTo(403);
    assertThat(body(answer).at("/error/code").asText()).isEqualTo("forbidden");
    assertThat(body(answer).at("/error/message").asText())
        .startsWith("Role data-scientist may not");
    assertThat(athena.requests("AmazonAthena.StartQueryExecution")).isEmpty();
  }

  @Test
  void queryStillRunningAfterTheWaitAnswers202AndTheOwnerPollsItsRows() throws Exception {
    athena.execution("RUNNING", "SELECT 1", null);
    JsonNode started = invoke(event("api-query-bank-transactions-analyst.json"));
    assertThat(started.get("statusCode").asInt()).isEqualTo(202);
    assertThat(body(started).get("queryId").asText()).isEqualTo(AthenaStandIn.QUERY_ID);
    String labelled =
        athena.requests("AmazonAthena.StartQueryExecution").get(0).get("QueryString").asText();

    athena.execution("SUCCEEDED", labelled, null);
    athena.results(
        List.<String[]>of(new String[] {"transaction_id", "varchar"}),
        List.<String[]>of(new String[] {"TX4100000001"}));
    JsonNode polled = invoke(event("api-get-query-analyst.json"));

    assertThat(polled.get("statusCode").asInt()).isEqualTo(200);
    assertThat(body(polled).at("/rows/0/transaction_id").asText()).isEqualTo("TX4100000001");
    assertThat(body(polled).get("dataset").asText()).isEqualTo("bank_transactions");
  }

  @Test
  void anotherPrincipalCannotReadSomeoneElsesQuery() throws Exception {
    athena.execution(
        "SUCCEEDED",
        "/* strata:{\"kind\":\"query\",\"owner\":\"arn:aws:iam::123456789012:role/Other\","
            + "\"role\":\"analyst\",\"dataset\":\"bank_transactions\"} */\nSELECT 1",
        null);

    JsonNode answer = invoke(event("api-get-query-analyst.json"));

    assertThat(answer.get("statusCode").asInt()).isEqualTo(403);
    assertThat(body(answer).at("/error/code").asText()).isEqualTo("not_query_owner");
    assertThat(athena.requests("AmazonAthena.GetQueryResults")).isEmpty();
  }

  @Test
  void datasetWithNoSnapshotAtAsOfAnswersNoRowsWithoutAskingAthena() throws Exception {
    ObjectNode event = event("api-query-bank-transactions-data-scientist.json");
    event.put("rawPath", "/datasets/telecom_usage/query");
    ((ObjectNode) event.at("/requestContext/http")).put("path", "/datasets/telecom_usage/query");
    ((ObjectNode) event.get("pathParameters")).put("dataset", "telecom_usage");
    event.put(
        "body", "{\"columns\":[\"event_id\",\"event_time\"],\"asOf\":\"2024-01-10T00:00:00Z\"}");

    JsonNode answer = invoke(event);

    assertThat(answer.get("statusCode").asInt()).isEqualTo(200);
    assertThat(body(answer).get("rows").size()).isZero();
    assertThat(body(answer).at("/columns/0/type").asText()).isEqualTo("varchar");
    assertThat(body(answer).at("/columns/1/type").asText()).isEqualTo("timestamp");
    assertThat(athena.requests("AmazonAthena.StartQueryExecution")).isEmpty();
  }

  @Test
  void exportRetriedWithTheSameIdempotencyKeySendsTheSameStatement() throws Exception {
    athena.execution("SUCCEEDED", UNLOAD, null);
    athena.updateCount(21);
    ObjectNode event = event("api-export-telecom-usage-data-scientist.json");
    ((ObjectNode) event.get("headers")).put("idempotency-key", "nightly-2024-01-16");

    JsonNode first = invoke(event);
    JsonNode retry = invoke(event);

    assertThat(first.get("statusCode").asInt()).isEqualTo(200);
    assertThat(body(retry).at("/export/exportId").asText())
        .isEqualTo(body(first).at("/export/exportId").asText());
    List<JsonNode> starts = athena.requests("AmazonAthena.StartQueryExecution");
    assertThat(starts).hasSize(2);
    assertThat(starts.get(1).get("QueryString")).isEqualTo(starts.get(0).get("QueryString"));
    assertThat(starts.get(1).get("ClientRequestToken"))
        .isEqualTo(starts.get(0).get("ClientRequestToken"));
    assertThat(starts.get(0).has("ResultReuseConfiguration")).isFalse();
  }

  @Test
  void onlyQueriesPinnedToAnInstantMayReuseAthenaResults() throws Exception {
    athena.execution("SUCCEEDED", "SELECT 1", null);
    athena.results(List.<String[]>of(new String[] {"transaction_id", "varchar"}), List.of());
    ObjectNode current = event("api-query-bank-transactions-analyst.json");
    current.put("body", "{\"columns\":[\"transaction_id\"]}");

    invoke(event("api-query-bank-transactions-analyst.json"));
    invoke(current);

    List<JsonNode> starts = athena.requests("AmazonAthena.StartQueryExecution");
    assertThat(
            starts
                .get(0)
                .at("/ResultReuseConfiguration/ResultReuseByAgeConfiguration/Enabled")
                .asBoolean())
        .isTrue();
    assertThat(starts.get(1).has("ResultReuseConfiguration")).isFalse();
  }

  @Test
  void principalHeaderIsNeverHonouredByTheLambda() throws Exception {
    JsonNode answer = invoke(event("api-spoofed-principal-header.json"));

    assertThat(answer.get("statusCode").asInt()).isEqualTo(403);
    assertThat(body(answer).at("/error/code").asText()).isEqualTo("unauthenticated");
  }

  @Test
  void aCatalogThatKeepsThrottlingIs503CatalogUnavailableNamingNoTableOrBucket() throws Exception {
    QueryLakeResource.glue().throttle("GetTable", 1_000);
    JsonNode answer;
    try {
      answer = invoke(event("api-query-bank-transactions-analyst.json"));
    } finally {
      QueryLakeResource.glue().throttle("GetTable", 0);
    }

    assertThat(answer.get("statusCode").asInt()).isEqualTo(503);
    assertThat(header(answer, "Retry-After")).isEqualTo("2");
    JsonNode error = body(answer).get("error");
    assertThat(error.get("code").asText()).isEqualTo("catalog_unavailable");
    assertThat(error.get("message").asText())
        .contains("incident")
        .doesNotContain("bank_transactions")
        .doesNotContain("strata-history")
        .doesNotContain("lake.");
    assertThat(athena.requests("AmazonAthena.StartQueryExecution")).isEmpty();
    invoke(event("api-query-bank-transactions-analyst.json"));
    assertThat(athena.requests("AmazonAthena.StartQueryExecution"))
        .as("the next request, once the catalog answers again, reaches Athena")
        .hasSize(1);
  }

  @Test
  void malformedBodyAndUnknownColumnAre400sInTheErrorShape() throws Exception {
    ObjectNode broken = event("api-query-bank-transactions-analyst.json");
    broken.put("body", "{\"columns\": [\"amount\"");
    ObjectNode unknown = event("api-query-bank-transactions-analyst.json");
    unknown.put("body", "{\"columns\": [\"balance\"]}");

    JsonNode brokenAnswer = invoke(broken);
    JsonNode unknownAnswer = invoke(unknown);

    assertThat(brokenAnswer.get("statusCode").asInt()).isEqualTo(400);
    assertThat(body(brokenAnswer).at("/error/code").asText()).isEqualTo("bad_json");
    assertThat(unknownAnswer.get("statusCode").asInt()).isEqualTo(400);
    assertThat(body(unknownAnswer).at("/error/code").asText()).isEqualTo("unknown_column");
    assertThat(body(unknownAnswer).toString()).doesNotContain("Exception").doesNotContain("at io.");
  }

  @Test
  void aCallerWithTooManyUnfinishedQueriesIs429WhileOthersGoOn() throws Exception {
    athena.startsDistinctQueries();
    athena.execution("RUNNING", "SELECT 1", null);
    ObjectNode admin = event("api-query-bank-transactions-analyst.json");
    asRole(admin, "StrataAdmin");

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(invoke(admin).get("statusCode").asInt());
    }
    JsonNode refused = invoke(admin);
    JsonNode analyst = invoke(event("api-query-bank-transactions-analyst.json"));
    athena.execution("SUCCEEDED", "SELECT 1", null);
    athena.results(List.<String[]>of(new String[] {"transaction_id", "varchar"}), List.of());
    JsonNode afterTheyEnded = invoke(admin);

    assertThat(statuses).containsOnly(202);
    assertThat(refused.get("statusCode").asInt()).isEqualTo(429);
    assertThat(header(refused, "Retry-After")).isEqualTo("5");
    assertThat(body(refused).at("/error/code").asText()).isEqualTo("too_many_queries");
    assertThat(body(refused).at("/error/message").asText())
        .startsWith(
            "Principal arn:aws:iam::123456789012:role/StrataAdmin has 4 queries unfinished");
    assertThat(analyst.get("statusCode").asInt()).isEqualTo(202);
    assertThat(afterTheyEnded.get("statusCode").asInt()).isEqualTo(200);
    assertThat(athena.requests("AmazonAthena.StartQueryExecution")).hasSize(6);
  }

  @Test
  void structurallyWrongBodiesAreBadJsonInTheErrorShapeOnEveryRoute() throws Exception {
    Map<String, String> bodies =
        Map.of(
            "unknown field", "{\"colums\":[\"amount\"]}",
            "wrong type", "{\"limit\":\"many\"}",
            "array", "[]",
            "deep arrays", "{\"filters\":[[[[[{\"column\":\"amount\"}]]]]]}",
            "string for list", "{\"columns\":\"amount\"}");
    for (Map.Entry<String, String> body : bodies.entrySet()) {
      ObjectNode query = event("api-query-bank-transactions-analyst.json");
      query.put("body", body.getValue());
      ObjectNode report = event("api-run-report-analyst.json");
      report.put("body", body.getValue().replace("colums", "params"));
      ObjectNode export = event("api-export-telecom-usage-data-scientist.json");
      export.put("body", body.getValue());
      for (ObjectNode event : List.of(query, report, export)) {
        JsonNode answer = invoke(event);
        assertThat(answer.get("statusCode").asInt()).as(body.getKey()).isEqualTo(400);
        assertThat(body(answer).at("/error/code").asText()).as(body.getKey()).isEqualTo("bad_json");
        assertThat(body(answer).at("/error/status").asInt()).isEqualTo(400);
        assertThat(body(answer).at("/error/message").asText())
            .startsWith("Cannot read the request body:");
      }
    }
    assertThat(athena.requests("AmazonAthena.StartQueryExecution")).isEmpty();
  }

  @Test
  void requestsBeyondTheLimitsAreRefusedBeforeAthenaIsAsked() throws Exception {
    ObjectNode filters = event("api-query-bank-transactions-analyst.json");
    StringBuilder many = new StringBuilder("{\"filters\":[");
    for (int i = 0; i < 2000; i++) {
      many.append(i == 0 ? "" : ",").append("{\"column\":\"amount\",\"op\":\">\",\"value\":1}");
    }
    filters.put("body", many.append("]}").toString());
    ObjectNode huge = event("api-query-bank-transactions-analyst.json");
    huge.put("body", "{\"columns\":[\"" + "a".repeat(2 * 1024 * 1024) + "\"]}");
    ((ObjectNode) huge.get("headers")).remove("content-length");
    ObjectNode report = event("api-run-report-analyst.json");
    StringBuilder parameters = new StringBuilder("{\"parameters\":{");
    for (int i = 0; i < 100; i++) {
      parameters.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":1");
    }
    report.put("body", parameters.append("}}").toString());

    JsonNode tooManyFilters = invoke(filters);
    JsonNode tooLarge = invoke(huge);
    JsonNode tooManyParameters = invoke(report);

    assertThat(tooManyFilters.get("statusCode").asInt()).isEqualTo(400);
    assertThat(body(tooManyFilters).at("/error/code").asText()).isEqualTo("too_many_filters");
    assertThat(body(tooManyFilters).at("/error/message").asText())
        .isEqualTo("filters: at most 50 filters are allowed, got 2000");
    assertThat(tooLarge.get("statusCode").asInt()).isEqualTo(413);
    assertThat(body(tooLarge).at("/error/code").asText()).isEqualTo("body_too_large");
    assertThat(tooManyParameters.get("statusCode").asInt()).isEqualTo(400);
    assertThat(body(tooManyParameters).at("/error/code").asText()).isEqualTo("too_many_parameters");
    assertThat(athena.requests("AmazonAthena.StartQueryExecution")).isEmpty();
  }

  @Test
  void aForgedPageTokenIs400AndAReusedIdempotencyKeyIs422() throws Exception {
    athena.fail("AmazonAthena.GetQueryResults", 400, "InvalidRequestException", "Invalid token");
    ObjectNode poll = event("api-get-query-analyst.json");
    poll.put("rawQueryString", "nextToken=Zm9yZ2Vk");
    poll.putObject("queryStringParameters").put("nextToken", "Zm9yZ2Vk");
    athena.execution(
        "SUCCEEDED",
        "/* strata:{\"kind\":\"query\",\"owner\":\"" + ANALYST + "\"} */\nSELECT 1",
        null);
    JsonNode forged = invoke(poll);
    athena.reset();
    athena.fail(
        "AmazonAthena.StartQueryExecution",
        400,
        "InvalidRequestException",
        "Idempotent parameters do not match");
    ObjectNode reused = event("api-export-telecom-usage-data-scientist.json");
    ((ObjectNode) reused.get("headers")).put("idempotency-key", "nightly-2024-01-16");
    JsonNode conflict = invoke(reused);

    assertThat(forged.get("statusCode").asInt()).isEqualTo(400);
    assertThat(body(forged).at("/error/code").asText()).isEqualTo("bad_value");
    assertThat(conflict.get("statusCode").asInt()).isEqualTo(422);
    assertThat(body(conflict).at("/error/code").asText()).isEqualTo("idempotency_key_reused");
  }

  @Test
  void theOpenApiDocumentNamesSigV4AsTheSchemeOfEveryRoute() throws Exception {
    ObjectNode event = event("api-list-datasets-analyst.json");
    event.put("rawPath", "/q/openapi");
    event.put("rawQueryString", "format=json");
    ((ObjectNode) event.at("/requestContext/http")).put("path", "/q/openapi");

    JsonNode answer = invoke(event);

    assertThat(answer.get("statusCode").asInt()).isEqualTo(200);
    JsonNode document = body(answer);
    JsonNode sigv4 = document.at("/components/securitySchemes/sigv4");
    assertThat(sigv4.get("type").asText()).isEqualTo("apiKey");
    assertThat(sigv4.get("name").asText()).isEqualTo("Authorization");
    assertThat(sigv4.get("x-amazon-apigateway-authtype").asText()).isEqualTo("awsSigv4");
    assertThat(document.at("/security/0").has("sigv4")).isTrue();
    assertThat(document.at("/paths/~1datasets~1{dataset}~1query/post/responses").fieldNames())
        .toIterable()
        .contains("200", "202", "400", "403", "409", "413", "415", "422", "429", "502", "503");
  }

  @Test
  void failedAthenaQueryIs502WithAnIncidentNotItsReasonAndThrottlingIs429() throws Exception {
    athena.execution("FAILED", "SELECT 1", "HIVE_BAD_DATA: Malformed Parquet file");
    JsonNode failed = invoke(event("api-query-bank-transactions-analyst.json"));
    athena.reset();
    athena.fail(
        "AmazonAthena.StartQueryExecution", 400, "TooManyRequestsException", "Rate exceeded");
    JsonNode throttled = invoke(event("api-query-bank-transactions-analyst.json"));

    assertThat(failed.get("statusCode").asInt()).isEqualTo(502);
    assertThat(body(failed).at("/error/message").asText())
        .startsWith("Query " + AthenaStandIn.QUERY_ID + " failed in the query engine;")
        .contains("as incident ")
        .doesNotContain("HIVE_BAD_DATA");
    assertThat(throttled.get("statusCode").asInt()).isEqualTo(429);
    assertThat(body(throttled).at("/error/code").asText()).isEqualTo("throttled");
  }

  @Test
  void dataScientistExportsTelecomUsageAsOfAnInstantWithAManifest() throws Exception {
    athena.execution("SUCCEEDED", UNLOAD, null);
    athena.updateCount(21);

    JsonNode answer = invoke(event("api-export-telecom-usage-data-scientist.json"));

    assertThat(answer.get("statusCode").asInt()).isEqualTo(200);
    JsonNode export = body(answer).get("export");
    assertThat(export.get("rowCount").asLong()).isEqualTo(21);
    assertThat(export.get("asOf").asText()).isEqualTo("2024-01-16T00:00:00Z");
    assertThat(export.get("queryId").asText()).isEqualTo(AthenaStandIn.QUERY_ID);
    String sql =
        athena.requests("AmazonAthena.StartQueryExecution").get(0).get("QueryString").asText();
    assertThat(sql)
        .contains("UNLOAD")
        .contains("s3://strata-analytics/exports/telecom_usage/" + export.get("exportId").asText());
    String manifest =
        s3.getObjectAsBytes(
                b ->
                    b.bucket(QueryLakeResource.ANALYTICS)
                        .key(
                            "exports/telecom_usage/"
                                + export.get("exportId").asText()
                                + "/manifest.json"))
            .asUtf8String();
    assertThat(JSON.readTree(manifest).get("rowCount").asLong()).isEqualTo(21);
  }

  /** A header of a Lambda answer, whatever the case of its name. */
  private static String header(JsonNode answer, String name) {
    for (String field : List.of("headers", "multiValueHeaders")) {
      var names = answer.path(field).fieldNames();
      while (names.hasNext()) {
        String candidate = names.next();
        if (candidate.equalsIgnoreCase(name)) {
          JsonNode value = answer.get(field).get(candidate);
          return value.isArray() ? value.get(0).asText() : value.asText();
        }
      }
    }
    return null;
  }

  private static Handler capturing(List<ExtLogRecord> lines) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        lines.add((ExtLogRecord) record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  private static JsonNode column(JsonNode dataset, String name) {
    for (JsonNode column : dataset.get("columns")) {
      if (column.get("name").asText().equals(name)) {
        return column;
      }
    }
    throw new AssertionError("no column " + name + " in " + dataset);
  }

  /** An API Gateway event of the analyst for another GET route, made from a recorded one. */
  private static ObjectNode route(String routeKey, String path, Map<String, String> parameters) {
    ObjectNode event = event("api-describe-bank-transactions-analyst.json");
    event.put("routeKey", routeKey);
    event.put("rawPath", path);
    ((ObjectNode) event.get("requestContext")).put("routeKey", routeKey);
    ((ObjectNode) event.at("/requestContext/http")).put("path", path);
    ObjectNode pathParameters = event.putObject("pathParameters");
    parameters.forEach(pathParameters::put);
    return event;
  }

  private static void asRole(ObjectNode event, String role) {
    ((ObjectNode) event.at("/requestContext/authorizer/iam"))
        .put("userArn", "arn:aws:sts::123456789012:assumed-role/" + role + "/bob");
  }

  private static JsonNode invoke(JsonNode event) {
    String answer =
        given()
            .contentType(ContentType.JSON)
            .body(event.toString())
            .when()
            .post("/_lambda_")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    try {
      return JSON.readTree(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode body(JsonNode answer) throws IOException {
    return JSON.readTree(answer.get("body").asText());
  }

  private static ObjectNode event(String name) {
    try {
      return (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve(name)));
    } catch (IOException e) {
      throw new UncheckedIOException("Missing fixture events/" + name, e);
    }
  }
}
