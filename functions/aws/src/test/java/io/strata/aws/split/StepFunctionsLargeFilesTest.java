package io.strata.aws.split;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.strata.core.ingest.BatchId;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.LakeJson;
import io.strata.core.ingest.RawObjectRef;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The hand-off of large objects to the state machine, through the real SDK against WireMock. */
class StepFunctionsLargeFilesTest {

  @RegisterExtension
  static final WireMockExtension SFN =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:large";
  private static final RawObjectRef BIG =
      new RawObjectRef(
          "raw",
          "bank_transactions/2024/big file.csv",
          "v1",
          "abc",
          20_000,
          Instant.parse("2024-01-15T06:00:00Z"));

  private final StepFunctionsLargeFiles large =
      new StepFunctionsLargeFiles(this::client, ARN, 10_000, "history");

  @Test
  void startsOneExecutionNamedAfterTheBatchWithTheStepEvents() throws Exception {
    SFN.stubFor(startExecution().willReturn(ok("{\"executionArn\":\"x\",\"startDate\":1}")));

    Optional<IngestResult> result = large.take(BIG);

    assertThat(result).get().extracting(IngestResult::outcome).isEqualTo(IngestOutcome.FANNED_OUT);
    List<LoggedRequest> requests = SFN.findAll(postRequestedFor(urlEqualTo("/")));
    assertThat(requests).hasSize(1);
    JsonNode body = LakeJson.mapper().readTree(requests.get(0).getBodyAsString());
    assertThat(body.get("name").asText()).isEqualTo(BatchId.of(BIG));
    assertThat(body.get("stateMachineArn").asText()).isEqualTo(ARN);
    JsonNode input = LakeJson.mapper().readTree(body.get("input").asText());
    assertThat(input.at("/plan/Records/0/eventSource").asText()).isEqualTo("strata:split:plan");
    assertThat(input.at("/commit/Records/0/eventSource").asText()).isEqualTo("strata:split:commit");
    assertThat(input.at("/plan/Records/0/s3/object/key").asText())
        .isEqualTo("bank_transactions%2F2024%2Fbig+file.csv");
    assertThat(input.at("/plan/Records/0/s3/object/versionId").asText()).isEqualTo("v1");
    assertThat(input.get("itemsKey").asText())
        .isEqualTo("_split/bank_transactions/" + BatchId.of(BIG) + "/items.json");
    assertThat(input.get("historyBucket").asText()).isEqualTo("history");
  }

  @Test
  void aDuplicateEventFindsTheRunningExecutionAndStartsNothingNew() {
    SFN.stubFor(
        startExecution()
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withBody(
                        "{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"Execution Already"
                            + " Exists\"}")));

    Optional<IngestResult> result = large.take(BIG);

    assertThat(result).get().extracting(IngestResult::outcome).isEqualTo(IngestOutcome.FANNED_OUT);
  }

  @Test
  void objectsUpToTheThresholdStayWithTheCaller() {
    RawObjectRef small =
        new RawObjectRef("raw", "bank_transactions/a.csv", null, "e", 10_000, BIG.arrivedAt());

    assertThat(large.take(small)).isEmpty();
    assertThat(SFN.findAll(postRequestedFor(urlEqualTo("/")))).isEmpty();
  }

  private static com.github.tomakehurst.wiremock.client.MappingBuilder startExecution() {
    return post(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StartExecution"));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.0")
        .withBody(body);
  }

  private SfnClient client() {
    return SfnClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(URI.create(SFN.baseUrl()))
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }
}
