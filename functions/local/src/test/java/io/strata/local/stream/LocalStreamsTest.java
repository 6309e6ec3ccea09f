package io.strata.local.stream;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local lake's streaming layer end to end: records put on the local Kinesis endpoint become
 * rows the query API answers, poison records a quarantine report. Skips only when Node.js or
 * kinesalite cannot be had on this machine.
 */
@QuarkusTest
@TestProfile(StreamLakeProfile.class)
class LocalStreamsTest {

  static final String ADMIN = "arn:aws:iam::000000000000:role/strata-admin";
  private static final String STREAM = "strata-bank_transactions";

  @Inject LocalStreams streams;

  @BeforeEach
  void endpointRuns() {
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> streams.endpoint().isPresent() || streams.problem().isPresent());
    Assumptions.assumeTrue(streams.endpoint().isPresent(), () -> streams.problem().orElse(""));
  }

  @Test
  void recordsPutOnTheStreamAreAnsweredByTheQueryApiAndPoisonIsQuarantined() throws Exception {
    // given
    KinesisJsonClient producer = new KinesisJsonClient(streams.endpoint().orElseThrow());

    // when
    int refused =
        producer.putRecords(
            STREAM,
            List.of(
                transaction("TX7000000001", "10.00").getBytes(UTF_8),
                transaction("TX7000000002", "-2.50").getBytes(UTF_8),
                "{\"transaction_id\": \"TX7000000003\"".getBytes(UTF_8)),
            List.of("a", "b", "c"));

    // then
    assertThat(refused).isZero();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(200, TimeUnit.MILLISECONDS)
        .untilAsserted(
            () ->
                assertThat(amountsOf("TX7000000001", "TX7000000002"))
                    .containsExactlyInAnyOrder(10.0f, -2.5f));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(quarantineReports()).isNotEmpty());
    String report = Files.readString(quarantineReports().get(0));
    assertThat(report).contains("\"reason\" : \"poison_records\"", "malformed JSON");
  }

  @Test
  void recordsPutWithTheAwsCliAreIngested() throws Exception {
    Assumptions.assumeTrue(hasAwsCli(), "the AWS CLI is not installed");
    String records =
        "[{\"Data\": "
            + quoted(transaction("TX7100000001", "1.25"))
            + ", \"PartitionKey\": \"cli\"}]";

    ProcessBuilder cli =
        new ProcessBuilder(
                "aws",
                "kinesis",
                "put-records",
                "--endpoint-url",
                streams.endpoint().orElseThrow().toString(),
                "--stream-name",
                STREAM,
                "--records",
                records)
            .redirectErrorStream(true);
    // The local endpoint checks no signature; the CLI still wants a region and some credentials.
    cli.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    cli.environment().put("AWS_ACCESS_KEY_ID", "local");
    cli.environment().put("AWS_SECRET_ACCESS_KEY", "local");
    Process put = cli.start();
    String output = new String(put.getInputStream().readAllBytes(), UTF_8);
    put.waitFor();

    assertThat(put.exitValue()).as(output).isZero();
    assertThat(output).contains("\"FailedRecordCount\": 0");
    await()
        .atMost(Duration.ofMinutes(3))
        .untilAsserted(() -> assertThat(amountsOf("TX7100000001")).containsExactly(1.25f));
  }

  static String transaction(String id, String amount) {
    return "{\"transaction_id\": \""
        + id
        + "\", \"account_iban\": \"DE89370400440532013000\", \"booking_date\": \"2024-02-01\","
        + " \"amount\": "
        + amount
        + ", \"currency\": \"EUR\"}";
  }

  static List<Float> amountsOf(String... ids) {
    return given()
        .accept(ContentType.JSON)
        .header("X-Strata-Principal", ADMIN)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "view", "history",
                "columns", List.of("transaction_id", "amount"),
                "filters",
                    List.of(
                        Map.of("column", "transaction_id", "op", "in", "values", List.of(ids)))))
        .post("/datasets/bank_transactions/query")
        .then()
        .statusCode(200)
        .extract()
        .path("rows.amount");
  }

  private static List<Path> quarantineReports() throws IOException {
    Path folder =
        StreamLakeProfile.DATA_DIR.resolve("strata-history/_quarantine/bank_transactions");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(p -> p.getFileName().toString().equals("report.json")).toList();
    }
  }

  private static boolean hasAwsCli() {
    try {
      Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
