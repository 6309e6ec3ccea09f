package io.strata.exports;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * WireMock standing in for Athena's GetQueryExecution and GetQueryResults, per query id, so the
 * finisher's real SDK client asks about the query the event names and parses Athena's answers.
 * Queries it was not told about are unknown to it, as to Athena.
 */
final class AthenaExecutions implements AutoCloseable {

  private static final String JSON = "application/x-amz-json-1.1";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final WireMockServer server = new WireMockServer(options().dynamicPort());

  AthenaExecutions() {
    server.start();
    reset();
  }

  String endpoint() {
    return server.baseUrl();
  }

  /** Forgets requests and queries: every query id is unknown. */
  void reset() {
    server.resetAll();
    server.stubFor(
        post(urlEqualTo("/"))
            .atPriority(10)
            .withHeader("X-Amz-Target", equalTo("AmazonAthena.GetQueryExecution"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", JSON)
                    .withBody(
                        "{\"__type\":\"InvalidRequestException\",\"Message\":\"QueryExecution"
                            + " was not found\"}")));
  }

  /** Athena knows this query in this state, with this statement text and rows unloaded. */
  void query(String queryId, String state, String sql, long rowsUnloaded) {
    ObjectNode status = MAPPER.createObjectNode().put("State", state);
    status.put("SubmissionDateTime", 1.7053128E9).put("CompletionDateTime", 1.705312807E9);
    if (!"SUCCEEDED".equals(state)) {
      status.put("StateChangeReason", "HIVE_BAD_DATA: value 4711 of account 'DE89...' broke");
    }
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode execution = body.putObject("QueryExecution");
    execution.put("QueryExecutionId", queryId).put("Query", sql).put("StatementType", "DML");
    execution.put("WorkGroup", "strata").set("Status", status);
    execution.putObject("Statistics").put("DataScannedInBytes", 48213);
    answer("AmazonAthena.GetQueryExecution", queryId, body.toString());
    answer(
        "AmazonAthena.GetQueryResults",
        queryId,
        "{\"ResultSet\":{\"ResultSetMetadata\":{\"ColumnInfo\":[]},\"Rows\":[]},\"UpdateCount\":"
            + rowsUnloaded
            + "}");
  }

  /** How many times anyone asked about any query. */
  int executionRequests() {
    return server
        .findAll(
            postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonAthena.GetQueryExecution")))
        .size();
  }

  private void answer(String target, String queryId, String body) {
    server.stubFor(
        post(urlEqualTo("/"))
            .atPriority(1)
            .withHeader("X-Amz-Target", equalTo(target))
            .withRequestBody(containing("\"" + queryId + "\""))
            .willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(body)));
  }

  @Override
  public void close() {
    server.stop();
  }
}
