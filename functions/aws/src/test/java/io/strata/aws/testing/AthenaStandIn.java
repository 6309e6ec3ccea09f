package io.strata.aws.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * WireMock standing in for the Athena endpoint, so the functions' real SDK clients serialize
 * requests and parse answers. Each test states what Athena answers.
 */
public final class AthenaStandIn implements AutoCloseable {

  public static final String QUERY_ID = "8d2c1a4e-6b1f-4c3a-9e51-0c8f2b7d4a10";
  private static final String JSON = "application/x-amz-json-1.1";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final WireMockServer server = new WireMockServer(options().dynamicPort());

  public AthenaStandIn() {
    server.start();
    reset();
  }

  public String endpoint() {
    return server.baseUrl();
  }

  /**
   * The configuration that points a function's Athena engine at this stand-in: workgroup {@code
   * strata}, two tries per request.
   */
  public Map<String, String> config() {
    return Map.of(
        "strata.athena.workgroup", "strata",
        "strata.athena.endpoint-override", endpoint(),
        "strata.athena.max-attempts", "2");
  }

  /** Forgets requests and stubs; Athena starts every query as {@link #QUERY_ID}. */
  public void reset() {
    server.resetAll();
    answer("AmazonAthena.StartQueryExecution", 200, "{\"QueryExecutionId\":\"" + QUERY_ID + "\"}");
  }

  /** Athena starts every query under a fresh id, as it does for distinct requests. */
  public void startsDistinctQueries() {
    server.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonAthena.StartQueryExecution"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", JSON)
                    .withBody("{\"QueryExecutionId\":\"{{randomValue type='UUID'}}\"}")
                    .withTransformers("response-template")));
  }

  /** GetQueryExecution answers this state for a query whose text is {@code sql}. */
  public void execution(String state, String sql, String reason) {
    ObjectNode status = MAPPER.createObjectNode().put("State", state);
    status.put("SubmissionDateTime", 1.7053965E9).put("CompletionDateTime", 1.7053965042E9);
    if (reason != null) {
      status.put("StateChangeReason", reason);
    }
    ObjectNode execution = MAPPER.createObjectNode();
    execution
        .putObject("QueryExecution")
        .put("QueryExecutionId", QUERY_ID)
        .put("Query", sql)
        .put("StatementType", "DML")
        .put("WorkGroup", "strata")
        .set("Status", status);
    ((ObjectNode) execution.get("QueryExecution"))
        .putObject("Statistics")
        .put("DataScannedInBytes", 48213);
    answer("AmazonAthena.GetQueryExecution", 200, execution.toString());
  }

  /** GetQueryResults of an UNLOAD: no rows, the rows unloaded as UpdateCount. */
  public void updateCount(long rows) {
    answer(
        "AmazonAthena.GetQueryResults",
        200,
        "{\"ResultSet\":{\"ResultSetMetadata\":{\"ColumnInfo\":[]},\"Rows\":[]},"
            + "\"UpdateCount\":"
            + rows
            + "}");
  }

  /** GetQueryResults answers one page: a header row, then these rows of text values. */
  public void results(List<String[]> columns, List<String[]> rows) {
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode resultSet = body.putObject("ResultSet");
    ArrayNode info = resultSet.putObject("ResultSetMetadata").putArray("ColumnInfo");
    ArrayNode header = MAPPER.createArrayNode();
    for (String[] column : columns) {
      ObjectNode c = info.addObject().put("Name", column[0]).put("Label", column[0]);
      c.put("Type", column[1]).put("Nullable", "UNKNOWN").put("CaseSensitive", true);
      if (column.length > 2) {
        c.put("Precision", Integer.parseInt(column[2])).put("Scale", Integer.parseInt(column[3]));
      }
      header.addObject().put("VarCharValue", column[0]);
    }
    ArrayNode out = resultSet.putArray("Rows");
    out.addObject().set("Data", header);
    for (String[] row : rows) {
      ArrayNode data = out.addObject().putArray("Data");
      for (String value : row) {
        if (value == null) {
          data.addObject();
        } else {
          data.addObject().put("VarCharValue", value);
        }
      }
    }
    answer("AmazonAthena.GetQueryResults", 200, body.toString());
  }

  /** Every call of this action fails with this Athena error. */
  public void fail(String target, int status, String type, String message) {
    answer(target, status, "{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
  }

  /**
   * The JSON bodies of every request of this action (e.g. {@code
   * AmazonAthena.StartQueryExecution}).
   */
  public List<JsonNode> requests(String target) {
    return server
        .findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)))
        .stream()
        .map(LoggedRequest::getBodyAsString)
        .map(AthenaStandIn::json)
        .toList();
  }

  private void answer(String target, int status, String body) {
    server.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(target))
            .willReturn(
                aResponse().withStatus(status).withHeader("Content-Type", JSON).withBody(body)));
  }

  private static JsonNode json(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
