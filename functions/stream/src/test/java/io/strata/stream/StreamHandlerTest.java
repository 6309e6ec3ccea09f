package io.strata.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.strata.core.testing.DuckDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stream Lambda through Quarkus' mock event server with the real-shaped Kinesis event of {@code
 * events/}, against an in-process S3 and a Glue stand-in; history is read back with DuckDB.
 */
@QuarkusTest
@WithTestResource(StreamLakeResource.class)
class StreamHandlerTest {

  private static final Path EVENTS = Path.of("../../events");
  private static final String FIRST_SEQUENCE =
      "49590338271490256608559692538361571095921575989136588800";

  @Test
  void landsValidRecordsAsHistoryQuarantinesPoisonAndReportsNoFailure() throws Exception {
    // when
    Response response = invoke(event("kinesis-bank-transactions.json"));

    // then
    response.then().statusCode(200);
    assertThat(response.<List<Object>>path("batchItemFailures")).isEmpty();
    assertThat(
            DuckDb.query(
                "SELECT transaction_id, account_iban, amount, _source_key FROM "
                    + history("bank_transactions")
                    + " ORDER BY transaction_id"))
        .containsExactly(
            "TX0000000101|******************3000|12.50|kinesis:strata-bank_transactions/shardId-000000000000",
            "TX0000000102|******************3000|-3.00|kinesis:strata-bank_transactions/shardId-000000000000");
    List<Path> reports = quarantineReports("bank_transactions");
    assertThat(reports).hasSize(1);
    String report = Files.readString(reports.get(0));
    assertThat(report).contains("\"reason\" : \"poison_records\"").doesNotContain("DE8937");
    assertThat(report).contains("\"rule\" : \"malformed_record\"", "\"rule\" : \"allowed\"");
  }

  @Test
  void aRedeliveredBatchAppendsNothing() throws Exception {
    String event =
        event("kinesis-bank-transactions.json")
            .replace("shardId-000000000000", "shardId-000000000007");
    invoke(event).then().statusCode(200);
    long before = count();

    Response again = invoke(event);

    again.then().statusCode(200);
    assertThat(again.<List<Object>>path("batchItemFailures")).isEmpty();
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void aBatchOfABrokenContractIsReportedAsAFailureFromItsFirstRecord() {
    String event =
        event("kinesis-bank-transactions.json")
            .replace("stream/strata-bank_transactions", "stream/strata-broken_feed");

    Response response = invoke(event);

    response.then().statusCode(200);
    assertThat(response.<List<Map<String, String>>>path("batchItemFailures"))
        .containsExactly(Map.of("itemIdentifier", FIRST_SEQUENCE));
  }

  private static long count() throws Exception {
    return Long.parseLong(
        DuckDb.query("SELECT count(*) FROM " + history("bank_transactions")).get(0));
  }

  private static String history(String dataset) {
    return "read_parquet('"
        + StreamLakeResource.dataDir().resolve(StreamLakeResource.HISTORY).resolve(dataset)
        + "/data/**/*.parquet', hive_partitioning=false)";
  }

  private static List<Path> quarantineReports(String dataset) throws IOException {
    Path folder =
        StreamLakeResource.dataDir()
            .resolve(StreamLakeResource.HISTORY)
            .resolve("_quarantine")
            .resolve(dataset);
    try (var files = Files.walk(folder)) {
      return files.filter(p -> p.getFileName().toString().equals("report.json")).toList();
    }
  }

  private static Response invoke(String event) {
    return given().contentType(ContentType.JSON).body(event).when().post();
  }

  private static String event(String name) {
    try {
      return Files.readString(EVENTS.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
