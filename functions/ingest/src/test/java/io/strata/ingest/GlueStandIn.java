package io.strata.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * WireMock standing in for the Glue endpoint, so the function's real Glue client serializes its
 * requests and parses the answers: no table exists yet, creating one and adding partitions succeed.
 */
final class GlueStandIn implements AutoCloseable {

  private static final String JSON = "application/x-amz-json-1.1";

  private final WireMockServer server = new WireMockServer(options().dynamicPort());

  GlueStandIn() {
    server.start();
    answer(
        "GetTable",
        400,
        "{\"__type\":\"EntityNotFoundException\",\"Message\":\"Table not found\"}");
    answer("CreateTable", 200, "{}");
    answer("BatchCreatePartition", 200, "{\"Errors\":[]}");
  }

  String endpoint() {
    return server.baseUrl();
  }

  /** The JSON bodies of every request of this Glue action, in order. */
  List<JsonNode> requests(String action) {
    ObjectMapper json = new ObjectMapper();
    return server
        .findAll(
            postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSGlue." + action)))
        .stream()
        .map(LoggedRequest::getBodyAsString)
        .map(
            body -> {
              try {
                return json.readTree(body);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  /**
   * Answers the next BatchCreatePartition that carries a partition of this value with a
   * per-partition InternalServiceException, as Glue does under strain; later ones succeed.
   */
  void refuseOnce(String partitionValue) {
    server.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSGlue.BatchCreatePartition"))
            .withRequestBody(
                matchingJsonPath(
                    "$.PartitionInputList[?(@.Values[0] == '" + partitionValue + "')]"))
            .inScenario("refuse " + partitionValue)
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("refused")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", JSON)
                    .withBody(
                        "{\"Errors\":[{\"PartitionValues\":[\""
                            + partitionValue
                            + "\"],\"ErrorDetail\":{\"ErrorCode\":\"InternalServiceException\","
                            + "\"ErrorMessage\":\"Internal service error\"}}]}")));
  }

  private void answer(String action, int status, String body) {
    server.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSGlue." + action))
            .willReturn(
                aResponse().withStatus(status).withHeader("Content-Type", JSON).withBody(body)));
  }

  @Override
  public void close() {
    server.stop();
  }
}
