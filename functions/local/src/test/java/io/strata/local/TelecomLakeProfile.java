package io.strata.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.strata.core.ingest.IngestOutcome;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A fresh lake for the tests of the API's limits, errors and OpenAPI document, holding one drop of
 * telecom_usage (21 rows) once {@link #ensureIngested} ran.
 */
public class TelecomLakeProfile implements QuarkusTestProfile {

  static final Path DATA_DIR = TestLakes.newDataDir("strata-local-limits");
  static final int S3_PORT = TestLakes.freePort();
  private static final Path RAW = Path.of("../../events/raw");
  private static boolean ingested;

  @Override
  public Map<String, String> getConfigOverrides() {
    return TestLakes.config(DATA_DIR, S3_PORT);
  }

  /** Drops the telecom sample once per test run and ingests it. */
  static synchronized void ensureIngested(RawBucketWatcher watcher) {
    if (ingested) {
      return;
    }
    put(
        "telecom_usage/2024/01/15/usage.jsonl",
        RAW.resolve("telecom_usage/usage-2024-01-15.jsonl"));
    boolean committed =
        watcher.scan(false).results().stream()
            .anyMatch(r -> r.outcome() == IngestOutcome.COMMITTED);
    if (!committed) {
      throw new IllegalStateException("Cannot prepare the test lake: the telecom drop failed");
    }
    ingested = true;
  }

  /** Drops the broken bank sample, which the error policy quarantines; returns its batch id. */
  static synchronized String quarantineBrokenBankDrop(RawBucketWatcher watcher) {
    String key = "bank_transactions/2024/01/17/broken.csv";
    put(key, RAW.resolve("bank_transactions/transactions-broken.csv"));
    return watcher.scan(false).results().stream()
        .filter(r -> r.sourceUri().endsWith(key) && r.outcome() == IngestOutcome.QUARANTINED)
        .map(r -> r.batchId())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Cannot quarantine the broken bank drop in the test lake"));
  }

  private static void put(String key, Path file) {
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create("http://localhost:" + S3_PORT))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      s3.putObject(b -> b.bucket("strata-raw").key(key), RequestBody.fromFile(file));
    }
  }
}
