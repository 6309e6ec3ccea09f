package io.strata.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.strata.core.testing.DuckDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ingest Lambda through Quarkus' mock event server, with the real-shaped S3 events of {@code
 * events/}, against an in-process S3; history is checked by reading the Parquet with DuckDB.
 */
@QuarkusTest
@WithTestResource(LakeTestResource.class)
class IngestHandlerTest {

  private static final Path EVENTS = Path.of("../../events");
  private static final String BANK_KEY = "bank_transactions/2024/01/15/transactions.csv";
  private static final String BANK_ETAG = "0ba35422ab0b5ec630ed001ab71c6e8f";
  private static final String BANK_KEY_FOR_TABLE = "bank_transactions/table/transactions.csv";
  private static final long BANK_SIZE = 1686;

  private static S3Client s3;

  @BeforeAll
  static void client() {
    s3 = LakeTestResource.server().newClient();
  }

  @Test
  void writesTheBankDropOfTheSampleEventAsMaskedPartitionedHistory() throws Exception {
    // given
    Path sample = EVENTS.resolve("raw/bank_transactions/transactions-2024-01-15.csv");
    upload(BANK_KEY, sample);
    long dataRows = Files.readAllLines(sample).size() - 1;

    // when
    Response response = invoke(event("s3-put-bank-transactions.json"));

    // then
    response.then().statusCode(200).body("results[0].outcome", equalTo("COMMITTED"));
    String batchId = response.path("results[0].batchId");
    assertThat(response.<Integer>path("results[0].rowsAccepted")).isEqualTo((int) dataRows);
    assertThat(
            DuckDb.query(
                "SELECT count(*), count(DISTINCT booking_date), min(_source_key),"
                    + " min(_batch_id), bool_and(regexp_full_match(account_iban,"
                    + " '\\*+[A-Z0-9]{4}')) FROM "
                    + history("bank_transactions")
                    + " WHERE _batch_id = '"
                    + batchId
                    + "'"))
        .containsExactly(dataRows + "|3|" + BANK_KEY + "|" + batchId + "|true");
    assertThat(
            objectExists(
                LakeTestResource.HISTORY, "_batches/bank_transactions/" + batchId + ".json"))
        .isTrue();
    assertTheGlueTableIsIcebergAndItsMetadataNamesTheBatch(batchId);
  }

  /**
   * What Iceberg's GlueCatalog stored through the real SDK: an Iceberg table naming the batch, and
   * the dataset's current table beside it.
   */
  private static void assertTheGlueTableIsIcebergAndItsMetadataNamesTheBatch(String batchId)
      throws Exception {
    Map<String, String> parameters =
        LakeTestResource.glue().tableParameters("lake", "bank_transactions");
    assertThat(parameters).containsEntry("table_type", "ICEBERG");
    String metadata = parameters.get("metadata_location");
    assertThat(metadata).startsWith("s3://strata-history/bank_transactions/metadata/");
    String json =
        Files.readString(LakeTestResource.dataDir().resolve(metadata.substring("s3://".length())));
    assertThat(json.replace(" ", "")).contains("\"strata.batch-id\":\"" + batchId + "\"");
    // The batch's commit follower kept the dataset's current table, in its own Glue database.
    assertThat(LakeTestResource.glue().tableParameters("lake_current", "bank_transactions"))
        .containsEntry("table_type", "ICEBERG")
        .hasEntrySatisfying(
            "metadata_location",
            location ->
                assertThat(location)
                    .startsWith("s3://strata-history/_current/bank_transactions/metadata/"));
  }

  @Test
  void aDuplicateEventIsRecognisedAndChangesNothing() throws Exception {
    String key = "bank_transactions/dup/transactions.csv";
    upload(key, EVENTS.resolve("raw/bank_transactions/transactions-2024-01-15.csv"));
    String event = event("s3-put-bank-transactions.json").replace(BANK_KEY, key);
    invoke(event).then().statusCode(200).body("results[0].outcome", equalTo("COMMITTED"));
    List<String> before = historyFiles();

    invoke(event).then().statusCode(200).body("results[0].outcome", equalTo("ALREADY_PROCESSED"));

    assertThat(historyFiles()).isEqualTo(before);
  }

  @Test
  void hashesSubscribersOfTheGzippedTelecomDropAndPartitionsByUtcDay() throws Exception {
    upload(
        "telecom_usage/2024-01-15/usage.jsonl.gz",
        EVENTS.resolve("raw/telecom_usage/usage-2024-01-15.jsonl.gz"));

    Response response = invoke(event("s3-put-telecom-usage.json"));

    response.then().statusCode(200).body("results[0].outcome", equalTo("COMMITTED"));
    assertThat(
            DuckDb.query(
                "SELECT count(DISTINCT CAST(event_time AS DATE)) >= 2,"
                    + " bool_and(length(subscriber_id) = 64)"
                    + " FROM "
                    + history("telecom_usage")))
        .containsExactly("true|true");
  }

  @Test
  void quarantinesTheBrokenDropAndKeepsTheRawObject() throws Exception {
    String key = "bank_transactions/broken/transactions-broken.csv";
    String eTag = upload(key, EVENTS.resolve("raw/bank_transactions/transactions-broken.csv"));

    Response response = invoke(bankEventFor(key, eTag));

    response.then().statusCode(200).body("results[0].outcome", equalTo("QUARANTINED"));
    String batchId = response.path("results[0].batchId");
    String prefix = "_quarantine/bank_transactions/" + batchId + "/";
    assertThat(objectExists(LakeTestResource.HISTORY, prefix + "report.json")).isTrue();
    assertThat(objectExists(LakeTestResource.HISTORY, prefix + "source/transactions-broken.csv"))
        .isTrue();
    assertThat(objectExists(LakeTestResource.RAW, key)).isTrue();
  }

  @Test
  void aRedriveIngestsAQuarantinedObjectAgainWhereADuplicateEventChangesNothing() throws Exception {
    // given the object the redrive fixture names, quarantined on arrival
    upload(
        "bank_transactions/2024/01/15/transactions-broken.csv",
        EVENTS.resolve("raw/bank_transactions/transactions-broken.csv"));
    String redrive = event("s3-redrive-bank-transactions.json");
    String arrival = redrive.replace("\"strata:redrive\"", "\"aws:s3\"");
    Response first = invoke(arrival);
    first.then().statusCode(200).body("results[0].outcome", equalTo("QUARANTINED"));
    String batchId = first.path("results[0].batchId");
    invoke(arrival).then().statusCode(200).body("results[0].outcome", equalTo("ALREADY_PROCESSED"));

    // when an operator redrives it (here its contract still refuses it)
    Response redriven = invoke(redrive);

    // then it was ingested again, as the same batch, and quarantined with a new report
    redriven
        .then()
        .statusCode(200)
        .body("results[0].outcome", equalTo("QUARANTINED"))
        .body("results[0].batchId", equalTo(batchId));
    assertThat(
            objectExists(
                LakeTestResource.HISTORY,
                "_quarantine/bank_transactions/" + batchId + "/report.json"))
        .isTrue();
  }

  @Test
  void skipsRecordsThatAreNotObjectCreations() {
    invoke(event("s3-delete.json"))
        .then()
        .statusCode(200)
        .body("results.size()", equalTo(0))
        .body("skipped.size()", equalTo(1));
  }

  @Test
  void failsTheInvocationWhileTheObjectCannotBeReadAndCompletesOnRetry() throws Exception {
    String key = "bank_transactions/late/transactions.csv";
    String event = event("s3-put-bank-transactions.json").replace(BANK_KEY, key);

    Response failed = invoke(event);
    upload(key, EVENTS.resolve("raw/bank_transactions/transactions-2024-01-15.csv"));
    Response retried = invoke(event);

    assertThat(failed.statusCode()).isNotEqualTo(200);
    assertThat(failed.asString()).contains("Cannot ingest 1 object: s3://strata-raw/" + key);
    retried.then().statusCode(200).body("results[0].outcome", equalTo("COMMITTED"));
  }

  @Test
  void failsTheInvocationWhileGlueThrottlesTheCommitAndCommitsOnRetry() throws Exception {
    // given: Glue throttles every try the SDK makes of the first commit's UpdateTable
    String key = "bank_transactions/glue/transactions.csv";
    String eTag =
        upload(
            key,
            RequestBody.fromString(
                "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n"
                    + "TX0000009999,DE89370400440532013000,2030-01-01,1.00,EUR,,\n"));
    String event = bankEventFor(key, eTag);
    invoke(bankEventFor(BANK_KEY_FOR_TABLE, uploadSample(BANK_KEY_FOR_TABLE)));
    LakeTestResource.glue().throttle("UpdateTable", 4);

    // when
    Response failed = invoke(event);
    boolean committedAfterFailure = manifestOf(key);
    Response retried = invoke(event);

    // then: nothing committed until Glue accepts the update, then the retry commits
    assertThat(failed.statusCode()).isNotEqualTo(200);
    assertThat(failed.asString())
        .contains("Cannot ingest 1 object: s3://strata-raw/" + key)
        .contains("Cannot commit batch ");
    assertThat(committedAfterFailure).isFalse();
    retried.then().statusCode(200).body("results[0].outcome", equalTo("COMMITTED"));
    assertThat(manifestOf(key)).isTrue();
    assertThat(
            DuckDb.query(
                "SELECT count(*) FROM "
                    + history("bank_transactions")
                    + " WHERE transaction_id = 'TX0000009999'"))
        .containsExactly("1");
  }

  /** Whether a committed manifest names this raw key as its source. */
  private static boolean manifestOf(String key) {
    return s3
        .listObjectsV2Paginator(
            b -> b.bucket(LakeTestResource.HISTORY).prefix("_batches/bank_transactions/"))
        .contents()
        .stream()
        .filter(o -> o.key().endsWith(".json"))
        .anyMatch(
            o ->
                s3.getObjectAsBytes(b -> b.bucket(LakeTestResource.HISTORY).key(o.key()))
                    .asUtf8String()
                    .contains("s3://strata-raw/" + key + "\""));
  }

  @Test
  void aRetryAfterACrashBeforeTheManifestRewritesTheSameBatch() throws Exception {
    String key = "bank_transactions/crash/transactions.csv";
    upload(key, EVENTS.resolve("raw/bank_transactions/transactions-2024-01-15.csv"));
    String event = event("s3-put-bank-transactions.json").replace(BANK_KEY, key);
    Response first = invoke(event);
    String batchId = first.path("results[0].batchId");
    List<String> files = historyFiles();
    // A crash between the data files and the manifest leaves exactly this state behind.
    s3.deleteObject(
        b ->
            b.bucket(LakeTestResource.HISTORY)
                .key("_batches/bank_transactions/" + batchId + ".json"));

    Response retry = invoke(event);

    retry.then().statusCode(200).body("results[0].outcome", equalTo("COMMITTED"));
    assertThat(retry.<String>path("results[0].batchId")).isEqualTo(batchId);
    assertThat(historyFiles()).isEqualTo(files);
  }

  @Test
  void concurrentEventsForFilesOfOneDatasetAllCommit() throws Exception {
    Path sample = EVENTS.resolve("raw/bank_transactions/transactions-2024-01-15.csv");
    List<String> lines = Files.readAllLines(sample);
    List<CompletableFuture<Response>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String key = "bank_transactions/parallel/part-" + i + ".csv";
      int shift = i;
      String body =
          String.join(
                  "\n",
                  Stream.concat(
                          Stream.of(lines.get(0)),
                          lines.stream().skip(1).map(l -> l.replaceFirst("^TX\\d", "TX" + shift)))
                      .toList())
              + "\n";
      String event = bankEventFor(key, upload(key, RequestBody.fromString(body)));
      calls.add(CompletableFuture.supplyAsync(() -> invoke(event)));
    }

    for (CompletableFuture<Response> call : calls) {
      call.get().then().statusCode(200).body("results[0].outcome", equalTo("COMMITTED"));
    }
    assertThat(
            DuckDb.query(
                "SELECT count(DISTINCT _source_key) FROM "
                    + history("bank_transactions")
                    + " WHERE _source_key LIKE 'bank_transactions/parallel/%'"))
        .containsExactly("4");
  }

  // --- helpers ---

  private static Response invoke(String event) {
    return given().contentType(ContentType.JSON).body(event).when().post();
  }

  private static String event(String name) {
    try {
      return Files.readString(EVENTS.resolve(name));
    } catch (IOException e) {
      throw new IllegalStateException("Missing fixture events/" + name, e);
    }
  }

  /** Uploads the file and returns its ETag, as the event for it would carry it. */
  private static String upload(String key, Path file) {
    return upload(key, RequestBody.fromFile(file));
  }

  private static String upload(String key, RequestBody body) {
    String quoted = s3.putObject(b -> b.bucket(LakeTestResource.RAW).key(key), body).eTag();
    return quoted.replace("\"", "");
  }

  /** The bank put event, naming this key, ETag and size instead of the fixture's. */
  private static String bankEventFor(String key, String eTag) {
    long size = s3.headObject(b -> b.bucket(LakeTestResource.RAW).key(key)).contentLength();
    return event("s3-put-bank-transactions.json")
        .replace(BANK_KEY, key)
        .replace(BANK_ETAG, eTag)
        .replace("\"size\": " + BANK_SIZE + ",", "\"size\": " + size + ",");
  }

  private static boolean objectExists(String bucket, String key) {
    return !s3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().isEmpty();
  }

  private static List<String> historyFiles() {
    return s3.listObjectsV2Paginator(b -> b.bucket(LakeTestResource.HISTORY)).contents().stream()
        .map(o -> o.key() + "@" + o.eTag())
        .filter(k -> !k.startsWith("_"))
        .toList();
  }

  private static String history(String dataset) {
    return "read_parquet('"
        + LakeTestResource.dataDir().resolve(LakeTestResource.HISTORY).resolve(dataset)
        + "/data/**/*.parquet', hive_partitioning = false)";
  }

  /** Uploads the bank sample under the key and returns its ETag. */
  private static String uploadSample(String key) {
    return upload(key, EVENTS.resolve("raw/bank_transactions/transactions-2024-01-15.csv"));
  }
}
