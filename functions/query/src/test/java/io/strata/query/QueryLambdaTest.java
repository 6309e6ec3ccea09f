package io.strata.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add((ExtLogRecord) record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger audit = Logger.getLogger("io.strata.audit");
    audit.addHandler(capture);
    try {
      invoke(event("api-query-bank-transactions-analyst.json"));
      invoke(event("api-query-bank-transactions-data-scientist.json"));
    } finally {
      audit.removeHandler(capture);
    }

    assertThat(lines).hasSize(2);
    String served = lines.get(0).getFormattedMessage();
    assertThat(served)
        .contains("principal=" + ANALYST, "role=analyst", "route=POST /datasets/{dataset}/query")
        .contains("dataset=bank_transactions", "columns=transaction_id,account_iban,")
        .contains("filters=currency = ? and booking_date between ?")
        .contains("queryId=" + AthenaStandIn.QUERY_ID, "status=200", "outcome=ok")
        .contains("bytesScanned=48213")
        .doesNotContain("EUR")
        .doesNotContain("2024-01-31");
    assertThat(lines.get(1).getFormattedMessage())
        .contains("role=data-scientist", "status=403", "outcome=forbidden")
        .doesNotContain("queryId");
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

  private static JsonNode column(JsonNode dataset, String name) {
    for (JsonNode column : dataset.get("columns")) {
      if (column.get("name").asText().equals(name)) {
        return column;
      }
    }
    throw new AssertionError("no column " + name + " in " + dataset);
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
