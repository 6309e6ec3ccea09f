package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.testing.DuckDb;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The local lake: its S3 endpoint, the raw-bucket watcher and the ingest path behind it. */
@QuarkusTest
@TestProfile(TemporaryLakeProfile.class)
class LocalLakeTest {

  private static final Path EVENTS = Path.of("../../events/raw");

  @Inject RawBucketWatcher watcher;

  @Test
  void ingestsAFileCopiedIntoTheRawFolderOnceItHoldsStill() throws Exception {
    // given a file dropped into the folder, as a person would
    Path target = dropBankFile("copied/tx.csv");

    // when the watcher scans twice (the first scan only sees it appear)
    List<IngestResult> firstScan = resultsFor(watcher.scan(true), "copied/tx.csv");
    List<IngestResult> secondScan = resultsFor(watcher.scan(true), "copied/tx.csv");

    // then
    assertThat(firstScan).isEmpty();
    assertThat(secondScan)
        .extracting(IngestResult::outcome)
        .containsExactly(IngestOutcome.COMMITTED);
    assertThat(rowsOf("bank_transactions", "bank_transactions/copied/tx.csv"))
        .isEqualTo(Files.readAllLines(target).size() - 1);
  }

  @Test
  void ingestsAFileUploadedWithAnS3ClientAndQuarantinesABrokenOne() throws Exception {
    try (S3Client s3 = anonymousClient()) {
      s3.putObject(
          b -> b.bucket("strata-raw").key("telecom_usage/uploaded/usage.jsonl.gz"),
          RequestBody.fromFile(EVENTS.resolve("telecom_usage/usage-2024-01-15.jsonl.gz")));
      s3.putObject(
          b -> b.bucket("strata-raw").key("telecom_usage/uploaded/usage-bad.jsonl"),
          RequestBody.fromFile(EVENTS.resolve("telecom_usage/usage-bad.jsonl")));

      RawBucketWatcher.ScanResult scan = watcher.scan(false);

      assertThat(resultsFor(scan, "uploaded/usage.jsonl.gz"))
          .extracting(IngestResult::outcome)
          .containsExactly(IngestOutcome.COMMITTED);
      IngestResult bad = resultsFor(scan, "uploaded/usage-bad.jsonl").get(0);
      assertThat(bad.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
      assertThat(
              s3.listObjectsV2(
                      b ->
                          b.bucket("strata-history")
                              .prefix("_quarantine/telecom_usage/" + bad.batchId() + "/"))
                  .contents())
          .extracting(o -> o.key().substring(o.key().lastIndexOf('/') + 1))
          .containsExactly("report.json", "usage-bad.jsonl");
      assertThat(
              s3.headObject(
                  b ->
                      b.bucket("strata-history")
                          .key(
                              "_quarantine/telecom_usage/"
                                  + bad.batchId()
                                  + "/source/usage-bad.jsonl")))
          .isNotNull();
    }
  }

  @Test
  void doesNotIngestTheSameObjectTwice() throws Exception {
    dropBankFile("once/tx.csv");

    List<IngestResult> first = resultsFor(watcher.scan(false), "once/tx.csv");
    List<IngestResult> second = resultsFor(watcher.scan(false), "once/tx.csv");

    assertThat(first).extracting(IngestResult::outcome).containsExactly(IngestOutcome.COMMITTED);
    assertThat(second).isEmpty();
  }

  @Test
  void touchingAnIngestedFileIngestsNothingAgain() throws Exception {
    Path target = dropBankFile("touch/tx.csv");
    assertThat(resultsFor(watcher.scan(false), "touch/tx.csv"))
        .extracting(IngestResult::outcome)
        .containsExactly(IngestOutcome.COMMITTED);

    // when the file's time changes but not its content
    Files.setLastModifiedTime(target, FileTime.from(Instant.now().minusSeconds(5)));

    // then neither a watching scan nor a one-shot scan takes it as a new object
    assertThat(resultsFor(watcher.scan(true), "touch/tx.csv")).isEmpty();
    assertThat(resultsFor(watcher.scan(true), "touch/tx.csv")).isEmpty();
    assertThat(resultsFor(watcher.scan(false), "touch/tx.csv")).isEmpty();
    assertThat(rowsOf("bank_transactions", "bank_transactions/touch/tx.csv"))
        .isEqualTo(Files.readAllLines(target).size() - 1);
  }

  @Test
  void aFileCopiedIntoTheFolderHasItsContentsMd5AsETag() throws Exception {
    Path target = TemporaryLakeProfile.DATA_DIR.resolve("strata-raw/elsewhere/etag/usage.jsonl");
    Files.createDirectories(target.getParent());
    Files.copy(EVENTS.resolve("telecom_usage/usage-2024-01-15.jsonl"), target);
    String md5 = ContentETags.md5Of(target);

    try (S3Client s3 = anonymousClient()) {
      assertThat(
              s3.headObject(b -> b.bucket("strata-raw").key("elsewhere/etag/usage.jsonl")).eTag())
          .isEqualTo("\"" + md5 + "\"");
      assertThat(s3.listObjectsV2(b -> b.bucket("strata-raw").prefix("elsewhere/etag/")).contents())
          .extracting(S3Object::eTag)
          .containsExactly("\"" + md5 + "\"");
    }
  }

  @Test
  void theLakesOwnStateIsNoBucketAndCannotBeRead() throws Exception {
    assertThat(TemporaryLakeProfile.DATA_DIR.resolve(".strata")).isDirectory();
    try (S3Client s3 = anonymousClient()) {
      assertThat(s3.listBuckets().buckets())
          .extracting(Bucket::name)
          .containsExactly("strata-analytics", "strata-history", "strata-raw");
    }
    HttpResponse<String> key =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:"
                                + TemporaryLakeProfile.S3_PORT
                                + "/.strata/pii-hash-key"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(key.statusCode()).isEqualTo(403);
    assertThat(key.body()).contains("AccessDenied");
  }

  /** Copies the sample bank drop into the raw bucket's folder, as a person would. */
  private static Path dropBankFile(String keyUnderDataset) throws Exception {
    Path target =
        TemporaryLakeProfile.DATA_DIR.resolve("strata-raw/bank_transactions/" + keyUnderDataset);
    Files.createDirectories(target.getParent());
    Files.copy(
        EVENTS.resolve("bank_transactions/transactions-2024-01-15.csv"),
        target,
        StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  private static List<IngestResult> resultsFor(RawBucketWatcher.ScanResult scan, String suffix) {
    assertThat(scan.failures()).isEmpty();
    return scan.results().stream().filter(r -> r.sourceUri().endsWith(suffix)).toList();
  }

  private static long rowsOf(String dataset, String sourceKey) throws Exception {
    return Long.parseLong(
        DuckDb.query(
                "SELECT count(*) FROM "
                    + DuckDb.table(
                        TemporaryLakeProfile.DATA_DIR.resolve("strata-history").resolve(dataset))
                    + " WHERE _source_key = '"
                    + sourceKey
                    + "'")
            .get(0));
  }

  private static S3Client anonymousClient() {
    return TestLakes.s3Client(TemporaryLakeProfile.S3_PORT);
  }
}
