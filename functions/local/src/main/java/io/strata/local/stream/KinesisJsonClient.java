package io.strata.local.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The few Kinesis API calls the local lake makes to its own endpoint, in Kinesis' JSON protocol
 * ({@code X-Amz-Target: Kinesis_20131202.<Action>}). The AWS SDK's Kinesis module is not used
 * because no version of it matching the lake's SDK (2.42.4) is served by the package registry here;
 * producers use any AWS SDK or the CLI. The endpoint is local and unauthenticated: requests carry a
 * placeholder signature header, which kinesalite requires but does not check.
 */
final class KinesisJsonClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AUTHORIZATION =
      "AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/kinesis/aws4_request,"
          + " SignedHeaders=host, Signature=0";

  /** A record read from a shard. */
  record Received(String sequenceNumber, String partitionKey, Instant arrivedAt, byte[] data) {}

  /** One page of a shard. */
  record Page(List<Received> records, String nextIterator) {}

  /** An error the endpoint answered, with its Kinesis error type. */
  static final class KinesisCallException extends RuntimeException {

    private final String type;

    KinesisCallException(String action, String type, String message) {
      super("Cannot " + action + " on the local Kinesis endpoint: " + type + ": " + message);
      this.type = type;
    }

    String type() {
      return type;
    }
  }

  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  KinesisJsonClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  void createStream(String stream, int shards) {
    ObjectNode body = JSON.createObjectNode().put("StreamName", stream).put("ShardCount", shards);
    call("CreateStream", body);
  }

  List<String> listStreams() {
    List<String> names = new ArrayList<>();
    JsonNode page = call("ListStreams", JSON.createObjectNode().put("Limit", 10000));
    page.path("StreamNames").forEach(n -> names.add(n.asText()));
    return names;
  }

  List<String> shards(String stream) {
    JsonNode description =
        call("DescribeStream", JSON.createObjectNode().put("StreamName", stream))
            .path("StreamDescription");
    List<String> shards = new ArrayList<>();
    description.path("Shards").forEach(s -> shards.add(s.path("ShardId").asText()));
    return shards;
  }

  /**
   * @param afterOrAt {@code TRIM_HORIZON}, or {@code AT_SEQUENCE_NUMBER} with {@code sequence}
   */
  String shardIterator(String stream, String shard, String afterOrAt, String sequence) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("StreamName", stream)
            .put("ShardId", shard)
            .put("ShardIteratorType", afterOrAt);
    if (sequence != null) {
      body.put("StartingSequenceNumber", sequence);
    }
    return call("GetShardIterator", body).path("ShardIterator").asText();
  }

  Page records(String iterator, int limit) {
    JsonNode page =
        call(
            "GetRecords",
            JSON.createObjectNode().put("ShardIterator", iterator).put("Limit", limit));
    List<Received> records = new ArrayList<>();
    for (JsonNode r : page.path("Records")) {
      BigDecimal seconds = r.path("ApproximateArrivalTimestamp").decimalValue();
      records.add(
          new Received(
              r.path("SequenceNumber").asText(),
              r.path("PartitionKey").asText(),
              Instant.ofEpochMilli(seconds.movePointRight(3).longValue()),
              Base64.getDecoder().decode(r.path("Data").asText())));
    }
    String next =
        page.path("NextShardIterator").isTextual() ? page.get("NextShardIterator").asText() : null;
    return new Page(records, next);
  }

  /** Puts records on a stream (the bench's producer); returns how many the endpoint refused. */
  int putRecords(String stream, List<byte[]> payloads, List<String> partitionKeys) {
    ObjectNode body = JSON.createObjectNode().put("StreamName", stream);
    var records = body.putArray("Records");
    for (int i = 0; i < payloads.size(); i++) {
      records
          .addObject()
          .put("Data", Base64.getEncoder().encodeToString(payloads.get(i)))
          .put("PartitionKey", partitionKeys.get(i));
    }
    return call("PutRecords", body).path("FailedRecordCount").asInt();
  }

  private JsonNode call(String action, ObjectNode body) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "Kinesis_20131202." + action)
            .header("Authorization", AUTHORIZATION)
            .header("X-Amz-Date", "20240101T000000Z")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode answer =
          response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        String type = answer.path("__type").asText("HTTP " + response.statusCode());
        throw new KinesisCallException(
            action, type.substring(type.indexOf('#') + 1), answer.path("message").asText(""));
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot " + action + " on the local Kinesis endpoint " + endpoint + ": " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during " + action, e);
    }
  }
}
