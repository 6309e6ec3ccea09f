package io.strata.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code GET /datasets/{dataset}/quality} on the local lake over HTTP: the profiles of committed
 * drops, oldest first, under each role's column rules.
 */
@QuarkusTest
@TestProfile(QualityLakeProfile.class)
class LocalQualityApiTest {

  private static final Path RAW = Path.of("../../events/raw");
  private static final String ANALYST = "arn:aws:sts::000000000000:assumed-role/strata-analyst/ann";
  private static final String SCIENTIST = "arn:aws:iam::000000000000:role/strata-data-scientist";
  private static final String ADMIN = "arn:aws:iam::000000000000:role/strata-admin";

  private static boolean dropped;

  @Inject RawBucketWatcher watcher;

  @BeforeEach
  void twoDropsOfBankTransactionsAndOneOfTelecomUsage() {
    if (dropped) {
      return;
    }
    assertThat(
            drop(
                "bank_transactions/2024/01/15/transactions.csv",
                "bank_transactions/transactions-2024-01-15.csv"))
        .isEqualTo(IngestOutcome.COMMITTED);
    assertThat(
            drop(
                "bank_transactions/2024/01/16/transactions.csv",
                "bank_transactions/transactions-2024-01-16.csv"))
        .isEqualTo(IngestOutcome.COMMITTED);
    assertThat(drop("telecom_usage/2024/01/15/usage.jsonl", "telecom_usage/usage-2024-01-15.jsonl"))
        .isEqualTo(IngestOutcome.COMMITTED);
    dropped = true;
  }

  @Test
  void adminSeesEveryBatchOldestFirstWithItsColumnProfiles() {
    Response quality = quality(ADMIN, "bank_transactions", null);

    quality.then().statusCode(200);
    assertThat(quality.<String>path("dataset")).isEqualTo("bank_transactions");
    assertThat(quality.<List<Integer>>path("batches.rows")).containsExactly(21, 6);
    assertThat(quality.<List<String>>path("batches.outcome")).containsOnly("committed");
    assertThat(quality.<List<Long>>path("batches.snapshotId")).doesNotContainNull();
    Map<String, Object> amount = quality.path("batches[0].columns.amount");
    assertThat(amount).containsKeys("min", "max", "mean", "stddev", "distinct", "nullRate");
    assertThat(quality.<List<?>>path("batches[0].columns.currency.top")).isNotEmpty();
    Map<String, Object> iban = quality.path("batches[0].columns.account_iban");
    assertThat(iban).containsKey("distinct").doesNotContainKeys("min", "max", "top");
  }

  @Test
  void batchesParameterKeepsTheNewestOnesAndRefusesBadCounts() {
    Response newest = quality(ADMIN, "bank_transactions", "1");

    newest.then().statusCode(200);
    assertThat(newest.<List<Integer>>path("batches.rows")).containsExactly(6);
    quality(ADMIN, "bank_transactions", "0").then().statusCode(400);
    quality(ADMIN, "bank_transactions", "501").then().statusCode(400);
    Response words = quality(ADMIN, "bank_transactions", "many");
    words.then().statusCode(400);
    assertThat(words.<String>path("error.message")).contains("batches must be a whole number");
  }

  @Test
  void roleWithoutAColumnGetsNoEntryForIt() {
    Response quality = quality(ANALYST, "telecom_usage", null);

    quality.then().statusCode(200);
    Map<String, Object> columns = quality.path("batches[0].columns");
    assertThat(columns).containsKey("event_type").doesNotContainKey("subscriber_id");
  }

  @Test
  void roleThatSeesAColumnMaskedGetsNoValuesOfIt() {
    Response quality = quality(ANALYST, "bank_transactions", null);

    quality.then().statusCode(200);
    Map<String, Object> iban = quality.path("batches[0].columns.account_iban");
    assertThat(iban).containsKey("nulls").doesNotContainKeys("min", "max", "mean", "top");
    assertThat(quality.<Map<String, Object>>path("batches[0].columns.amount")).containsKey("min");
  }

  @Test
  void roleWithoutTheDatasetIsDeniedAsOnTheOtherRoutes() {
    Response quality = quality(SCIENTIST, "bank_transactions", null);
    Response describe =
        given()
            .accept(ContentType.JSON)
            .header("X-Strata-Principal", SCIENTIST)
            .get("/datasets/bank_transactions");

    quality.then().statusCode(403);
    describe.then().statusCode(403);
    assertThat(quality.<String>path("error.code")).isEqualTo(describe.<String>path("error.code"));
    quality(ADMIN, "nope", null).then().statusCode(404);
  }

  private static Response quality(String principal, String dataset, String batches) {
    var request = given().accept(ContentType.JSON).header("X-Strata-Principal", principal);
    if (batches != null) {
      request = request.queryParam("batches", batches);
    }
    return request.get("/datasets/" + dataset + "/quality");
  }

  private IngestOutcome drop(String key, String sample) {
    try (S3Client s3 = client()) {
      s3.putObject(b -> b.bucket("strata-raw").key(key), RequestBody.fromFile(RAW.resolve(sample)));
    }
    List<IngestResult> results =
        watcher.scan(false).results().stream().filter(r -> r.sourceUri().endsWith(key)).toList();
    assertThat(results).hasSize(1);
    return results.get(0).outcome();
  }

  private static S3Client client() {
    return TestLakes.s3Client(QualityLakeProfile.S3_PORT);
  }
}
