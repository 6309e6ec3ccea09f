package io.strata.exports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.strata.core.export.ExportFinisher;
import io.strata.core.export.ExportManifest;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryLabel;
import io.strata.core.query.SqlStatement;
import io.strata.core.store.ObjectStore;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The export finisher Lambda through Quarkus' mock event server, with the real-shaped EventBridge
 * event of {@code events/}, against s3proxy and a WireMock Athena: nobody polls these exports.
 */
@QuarkusTest
@WithTestResource(ExportLakeResource.class)
class ExportEventHandlerTest {

  private static final Path EVENTS = Path.of("../../events");
  private static final String FIXTURE_QUERY_ID = "5e9a7c3b-2d4f-4a1e-8b6c-0f3d2e1a9b87";
  private static final String SCIENTIST = "arn:aws:iam::123456789012:role/StrataDataScientist";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject QueryEngine engine;
  @Inject ObjectStore store;

  private final AthenaExecutions athena = ExportLakeResource.athena();
  private S3Client s3;

  @BeforeEach
  void reset() {
    athena.reset();
    s3 = ExportLakeResource.server().newClient();
  }

  @Test
  void succeededExportNobodyPolledGetsItsManifestFromTheEvent() throws Exception {
    // given
    String exportId = "20240115T100000Z-0a1b2c3d";
    unloaded(exportId, "data/20240115_1_00000.parquet", "data/20240115_1_00001.parquet");
    athena.query(FIXTURE_QUERY_ID, "SUCCEEDED", exportSql(exportId), 21);

    // when
    Response response = invoke(event());

    // then
    response.then().statusCode(200);
    String folder = "exports/telecom_usage/" + exportId + "/";
    assertThat(response.<String>path("action")).isEqualTo("FINISHED");
    assertThat(response.<String>path("detail"))
        .isEqualTo("s3://" + ExportLakeResource.ANALYTICS + "/" + folder + "manifest.json");
    JsonNode manifest = manifest(folder);
    assertThat(manifest.path("queryId").asText()).isEqualTo(FIXTURE_QUERY_ID);
    assertThat(manifest.path("rowCount").asLong()).isEqualTo(21);
    assertThat(manifest.path("principal").asText()).isEqualTo(SCIENTIST);
    assertThat(manifest.path("contractVersion").asInt()).isEqualTo(3);
    assertThat(manifest.path("files"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "s3://strata-analytics/" + folder + "data/20240115_1_00000.parquet",
            "s3://strata-analytics/" + folder + "data/20240115_1_00001.parquet");
  }

  @Test
  void pollAndEventsRacingWriteOneManifestThatAllOfThemAnswer() throws Exception {
    // given
    String queryId = "9b1d4e7a-3c2f-4d8e-a6b5-1e0f9c8d7a65";
    String exportId = "key-5f1c0e2d9a8b7c6d5e4f3a2b";
    unloaded(exportId, "data/part-0.parquet");
    athena.query(queryId, "SUCCEEDED", exportSql(exportId), 7);
    String event = event().replace(FIXTURE_QUERY_ID, queryId);
    CountDownLatch go = new CountDownLatch(1);

    // when three deliveries of the event (EventBridge delivers at least once) and two polls race
    List<CompletableFuture<String>> events = new ArrayList<>();
    List<CompletableFuture<ExportManifest>> polls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(
          CompletableFuture.supplyAsync(() -> after(go, () -> invoke(event).path("action"))));
    }
    for (int i = 0; i < 2; i++) {
      polls.add(
          CompletableFuture.supplyAsync(
              () ->
                  after(
                      go,
                      () ->
                          new ExportFinisher(store, ExportLakeResource.ANALYTICS)
                              .finish(engine.status(queryId))
                              .orElseThrow())));
    }
    go.countDown();

    // then
    for (CompletableFuture<String> action : events) {
      assertThat(action.get()).isEqualTo("FINISHED");
    }
    ExportManifest polled = polls.get(0).get();
    assertThat(polls.get(1).get()).isEqualTo(polled);
    String folder = "exports/telecom_usage/" + exportId + "/";
    assertThat(
            s3.listObjectsV2(b -> b.bucket(ExportLakeResource.ANALYTICS).prefix(folder)).contents())
        .extracting(o -> o.key())
        .containsExactlyInAnyOrder(folder + "data/part-0.parquet", folder + "manifest.json");
    assertThat(manifest(folder).path("rowCount").asLong()).isEqualTo(polled.rowCount());
    assertThat(manifest(folder).path("createdAt").asText())
        .isEqualTo(polled.createdAt().toString());
  }

  @Test
  void failedOrCancelledExportGetsNoManifest() throws Exception {
    for (String state : List.of("FAILED", "CANCELLED")) {
      // given
      String exportId = "20240115T100000Z-" + state.toLowerCase();
      unloaded(exportId, "data/partial.parquet");
      athena.query(FIXTURE_QUERY_ID, state, exportSql(exportId), 0);

      // when
      Response response =
          invoke(
              event()
                  .replace(
                      "\"currentState\": \"SUCCEEDED\"", "\"currentState\": \"" + state + "\""));

      // then
      response.then().statusCode(200);
      assertThat(response.<String>path("action")).isEqualTo("FAILED");
      assertThat(response.asString()).doesNotContain("DE89").doesNotContain("4711");
      assertThat(exists("exports/telecom_usage/" + exportId + "/manifest.json")).isFalse();
    }
  }

  @Test
  void eventForAQueryAthenaDoesNotKnowIsIgnored() {
    Response response = invoke(event());

    response.then().statusCode(200);
    assertThat(response.<String>path("action")).isEqualTo("IGNORED");
    assertThat(response.<String>path("detail"))
        .isEqualTo("Athena knows no such query in the workgroup");
  }

  @Test
  void eventForAQueryThatIsNoExportIsIgnored() {
    QueryLabel query =
        new QueryLabel(
            "query",
            SCIENTIST,
            "data-scientist",
            "telecom_usage",
            null,
            "current",
            null,
            3,
            null,
            List.of("event_id"),
            List.of());
    athena.query(
        FIXTURE_QUERY_ID,
        "SUCCEEDED",
        query.applyTo(new SqlStatement("SELECT event_id FROM t", List.of())).sql(),
        0);
    athena.query("0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "SUCCEEDED", "SELECT 1", 0);

    List<String> before = keys();

    Response labelled = invoke(event());
    Response unlabelled =
        invoke(event().replace(FIXTURE_QUERY_ID, "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"));

    assertThat(labelled.<String>path("action")).isEqualTo("IGNORED");
    assertThat(labelled.<String>path("detail")).isEqualTo("the query is no export");
    assertThat(unlabelled.<String>path("action")).isEqualTo("IGNORED");
    assertThat(keys()).isEqualTo(before);
  }

  @Test
  void eventsOfAnotherWorkgroupOrOfUnfinishedQueriesAreIgnoredWithoutAskingAthena() {
    athena.query(FIXTURE_QUERY_ID, "SUCCEEDED", exportSql("20240115T100000Z-elsewhere"), 1);

    Response otherWorkgroup =
        invoke(event().replace("\"workgroupName\": \"strata\"", "\"workgroupName\": \"primary\""));
    Response running =
        invoke(event().replace("\"currentState\": \"SUCCEEDED\"", "\"currentState\": \"RUNNING\""));
    Response otherSource = invoke(event().replace("\"aws.athena\"", "\"my.app\""));

    assertThat(otherWorkgroup.<String>path("action")).isEqualTo("IGNORED");
    assertThat(otherWorkgroup.<String>path("detail"))
        .isEqualTo("a query of another workgroup than strata");
    assertThat(running.<String>path("detail")).isEqualTo("the query is not done");
    assertThat(otherSource.<String>path("action")).isEqualTo("IGNORED");
    assertThat(athena.executionRequests()).isZero();
    assertThat(exists("exports/telecom_usage/20240115T100000Z-elsewhere/manifest.json")).isFalse();
  }

  @Test
  void labelNamingAFolderOutsideTheExportsIsRefused() {
    athena.query(FIXTURE_QUERY_ID, "SUCCEEDED", exportSql("../../contracts/x"), 1);

    Response response = invoke(event());

    response.then().statusCode(200);
    assertThat(response.<String>path("action")).isEqualTo("REFUSED");
    assertThat(s3.listObjectsV2(b -> b.bucket(ExportLakeResource.ANALYTICS)).contents())
        .noneMatch(o -> o.key().contains("contracts"));
  }

  private static String exportSql(String exportId) {
    QueryLabel label =
        new QueryLabel(
            "export",
            SCIENTIST,
            "data-scientist",
            "telecom_usage",
            null,
            "current",
            "2024-01-15T00:00:00Z",
            3,
            exportId,
            List.of("event_id", "duration_seconds"),
            List.of());
    return label
        .applyTo(
            new SqlStatement(
                "UNLOAD (SELECT event_id, duration_seconds FROM telecom_usage) TO"
                    + " 's3://strata-analytics/exports/telecom_usage/"
                    + exportId
                    + "/data/' WITH (format = 'PARQUET')",
                List.of()))
        .sql();
  }

  private void unloaded(String exportId, String... files) {
    for (String file : files) {
      s3.putObject(
          b ->
              b.bucket(ExportLakeResource.ANALYTICS)
                  .key("exports/telecom_usage/" + exportId + "/" + file),
          RequestBody.fromBytes(new byte[] {'P', 'A', 'R', '1'}));
    }
  }

  private JsonNode manifest(String folder) throws IOException {
    return JSON.readTree(
        s3.getObjectAsBytes(
                b -> b.bucket(ExportLakeResource.ANALYTICS).key(folder + "manifest.json"))
            .asByteArray());
  }

  private List<String> keys() {
    return s3.listObjectsV2(b -> b.bucket(ExportLakeResource.ANALYTICS)).contents().stream()
        .map(o -> o.key())
        .sorted()
        .toList();
  }

  private boolean exists(String key) {
    return !s3.listObjectsV2(b -> b.bucket(ExportLakeResource.ANALYTICS).prefix(key))
        .contents()
        .isEmpty();
  }

  private static <T> T after(CountDownLatch go, java.util.function.Supplier<T> action) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return action.get();
  }

  private static Response invoke(String event) {
    return given().contentType(ContentType.JSON).body(event).when().post();
  }

  private static String event() {
    try {
      return Files.readString(EVENTS.resolve("athena-export-succeeded.json"));
    } catch (IOException e) {
      throw new IllegalStateException("Missing fixture events/athena-export-succeeded.json", e);
    }
  }
}
