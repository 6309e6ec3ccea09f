package io.strata.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One broken contract, then a broken access.yaml, in a running local lake: only the broken dataset
 * stops (ingest waits for its contract, saying so once per file and contract change; the API
 * answers 503 for it), every other dataset and report is served, the last good policy stays in
 * force, and health says what is wrong.
 */
@QuarkusTest
@TestProfile(BrokenRulesLakeProfile.class)
class BrokenRulesLakeTest {

  private static final Path REPOSITORY_DATASETS = Path.of("../../datasets");
  private static final Path RAW = Path.of("../../events/raw");
  private static final Path DATASETS = BrokenRulesLakeProfile.DATASETS;
  private static final String ANALYST = "arn:aws:iam::000000000000:role/strata-analyst";
  private static final String BANK_KEY = "bank_transactions/2024/01/15/transactions.csv";
  private static final String GOOD_TYPE = "type: decimal(18,2)";

  @Inject RawBucketWatcher watcher;

  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            logged.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void datasetsWithABrokenBankContract() throws IOException {
    try (Stream<Path> old = Files.walk(DATASETS)) {
      for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(DATASETS)) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(DATASETS.resolve("reports"));
    try (Stream<Path> files = Files.walk(REPOSITORY_DATASETS)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, DATASETS.resolve(REPOSITORY_DATASETS.relativize(file).toString()));
      }
    }
    bankContract(GOOD_TYPE, "type: decmial(18,2)");
    loggers().forEach(l -> l.addHandler(capture));
  }

  @AfterEach
  void stopListening() {
    loggers().forEach(l -> l.removeHandler(capture));
  }

  @Test
  void aBrokenContractStopsOnlyItsDatasetUntilItIsFixed() throws Exception {
    upload(BANK_KEY, "bank_transactions/transactions-2024-01-15.csv");
    upload("telecom_usage/2024/01/15/usage.jsonl", "telecom_usage/usage-2024-01-15.jsonl");

    RawBucketWatcher.ScanResult first = watcher.scan(false);
    RawBucketWatcher.ScanResult second = watcher.scan(false);
    RawBucketWatcher.ScanResult third = watcher.scan(false);

    assertThat(outcome(first, "telecom_usage/")).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(first.failures())
        .singleElement()
        .asString()
        .contains(BANK_KEY, "bank_transactions.yaml: columns[3].type: unknown type 'decmial");
    assertThat(second.failures()).isEmpty();
    assertThat(third.failures()).isEmpty();
    assertThat(second.results()).noneMatch(r -> r.sourceUri().endsWith(BANK_KEY));
    assertThat(messages())
        .singleElement()
        .asString()
        .contains(BANK_KEY, "columns[3].type", "retrying once the contract changes");
    assertThat(logged).allMatch(r -> r.getThrown() == null);

    as(ANALYST).get("/datasets").then().statusCode(200);
    assertThat(as(ANALYST).get("/datasets").<List<String>>path("name"))
        .containsExactly("telecom_usage");
    Response broken = as(ANALYST).get("/datasets/bank_transactions");
    broken.then().statusCode(503);
    assertThat(broken.<String>path("error.code")).isEqualTo("contract_invalid");
    assertThat(broken.<String>path("error.message"))
        .contains("bank_transactions.yaml: columns[3].type: unknown type 'decmial(18,2)'");
    Response usage =
        as(ANALYST)
            .contentType(ContentType.JSON)
            .body(Map.of("limit", 5))
            .post("/datasets/telecom_usage/query");
    usage.then().statusCode(200);
    assertThat(usage.<List<?>>path("rows")).hasSize(5);
    assertThat(runReport("usage_by_day").statusCode()).isEqualTo(200);
    Response report = runReport("daily_balance");
    assertThat(report.statusCode()).isEqualTo(503);
    assertThat(report.<String>path("error.code")).isEqualTo("report_invalid");
    OpenApiAnswers document =
        new OpenApiAnswers(
            new ObjectMapper()
                .readTree(given().queryParam("format", "json").get("/q/openapi").asString()));
    document.check("/datasets/{dataset}", "get", broken);
    document.check("/reports/{name}", "post", report);
    assertThat(document.problems()).as("the 503 answers, held against /q/openapi").isEmpty();
    Response health = given().get("/q/health/ready");
    health.then().statusCode(503);
    assertThat(health.<String>path("checks.find { it.name == 'strata-rules' }.status"))
        .isEqualTo("DOWN");
    assertThat(
            health.<String>path(
                "checks.find { it.name == 'strata-rules' }.data['contract bank_transactions']"))
        .contains("columns[3].type");

    bankContract("type: decmial(18,2)", "type: decimal(18,99)");
    RawBucketWatcher.ScanResult otherMistake = watcher.scan(false);
    watcher.scan(false);

    assertThat(otherMistake.failures()).singleElement().asString().contains("decimal(18,99)");
    assertThat(messages()).hasSize(2);

    bankContract("type: decimal(18,99)", GOOD_TYPE);
    RawBucketWatcher.ScanResult fixed = watcher.scan(false);

    assertThat(outcome(fixed, BANK_KEY)).isEqualTo(IngestOutcome.COMMITTED);
    assertThat(as(ANALYST).get("/datasets").<List<String>>path("name"))
        .containsExactly("bank_transactions", "telecom_usage");
    given().get("/q/health/ready").then().statusCode(200);
  }

  @Test
  void aBrokenAccessPolicyLeavesTheLastGoodOneInForceAndHealthSaysSo() throws IOException {
    as(ANALYST).get("/datasets").then().statusCode(200);

    Files.writeString(DATASETS.resolve("access.yaml"), "roles:\n  analyst: {datasets: [\n");

    as(ANALYST).get("/datasets").then().statusCode(200);
    as("arn:aws:iam::000000000000:role/strata-nobody").get("/datasets").then().statusCode(403);
    Response health = given().get("/q/health/ready");
    health.then().statusCode(503);
    assertThat(health.<String>path("checks.find { it.name == 'strata-rules' }.data['access.yaml']"))
        .startsWith("INVALID, the policy loaded at ")
        .contains("stays in force: Cannot load access policy access.yaml: invalid YAML");
  }

  private void bankContract(String from, String to) throws IOException {
    Path file = DATASETS.resolve("bank_transactions.yaml");
    String contract = Files.readString(file);
    assertThat(contract).contains(from);
    Files.writeString(file, contract.replace(from, to));
  }

  private List<String> messages() {
    return logged.stream()
        .filter(r -> r.getLoggerName().endsWith("RawBucketWatcher"))
        .map(
            r ->
                r.getParameters() == null
                    ? r.getMessage()
                    : r.getMessage().replace("{}", String.valueOf(r.getParameters()[0])))
        .toList();
  }

  private static List<Logger> loggers() {
    return List.of(
        Logger.getLogger(RawBucketWatcher.class.getName()),
        Logger.getLogger("io.strata.aws.ingest.S3EventProcessor"));
  }

  private static IngestOutcome outcome(RawBucketWatcher.ScanResult scan, String keyPart) {
    List<IngestResult> results =
        scan.results().stream().filter(r -> r.sourceUri().contains(keyPart)).toList();
    assertThat(results).hasSize(1);
    return results.get(0).outcome();
  }

  private static Response runReport(String name) {
    return as(ANALYST)
        .contentType(ContentType.JSON)
        .body(Map.of("parameters", Map.of("from", "2024-01-13", "to", "2024-01-16")))
        .post("/reports/" + name);
  }

  private static RequestSpecification as(String principal) {
    return given().accept(ContentType.JSON).header("X-Strata-Principal", principal);
  }

  private static void upload(String key, String sample) {
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create("http://localhost:" + BrokenRulesLakeProfile.S3_PORT))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      s3.putObject(b -> b.bucket("strata-raw").key(key), RequestBody.fromFile(RAW.resolve(sample)));
    }
  }
}
