package io.strata.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.quality.BatchProfile;
import io.strata.core.table.BatchCommitter;
import io.strata.core.table.HistoryTables;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * A drop above the large-file threshold, end to end in the local lake: put over the S3 protocol,
 * ingested by the watcher in byte ranges on the thread pool, committed as one snapshot; the same
 * bytes ingested whole give the same counts.
 */
@QuarkusTest
@TestProfile(LargeFilesLakeProfile.class)
class LocalLargeFilesTest {

  private static final Path SAMPLE =
      Path.of("../../events/raw/bank_transactions/transactions-bad-rows.csv");

  @Inject RawBucketWatcher watcher;
  @Inject IngestService whole;
  @Inject HistoryTables history;

  @Test
  void aDropAboveTheThresholdIsIngestedInRangesAsOneSnapshotWithTheCountsOfTheWholeFile()
      throws Exception {
    assertThat(Files.size(SAMPLE)).isGreaterThan(2 * LargeFilesLakeProfile.THRESHOLD_BYTES);
    try (S3Client s3 = client()) {
      // given: the same bytes under two keys
      s3.putObject(
          b -> b.bucket("strata-raw").key("bank_transactions/whole/bad-rows.csv"),
          RequestBody.fromFile(SAMPLE));
      HeadObjectResponse head =
          s3.headObject(b -> b.bucket("strata-raw").key("bank_transactions/whole/bad-rows.csv"));
      IngestResult wholeResult =
          whole.ingest(
              new RawObjectRef(
                  "strata-raw",
                  "bank_transactions/whole/bad-rows.csv",
                  null,
                  head.eTag().replace("\"", ""),
                  head.contentLength(),
                  Instant.now()));
      s3.putObject(
          b -> b.bucket("strata-raw").key("bank_transactions/split/bad-rows.csv"),
          RequestBody.fromFile(SAMPLE));

      // when
      List<IngestResult> results =
          watcher.scan(false).results().stream()
              .filter(r -> r.sourceUri().endsWith("split/bad-rows.csv"))
              .toList();

      // then
      assertThat(results).hasSize(1);
      IngestResult split = results.get(0);
      assertThat(split.outcome())
          .isEqualTo(IngestOutcome.COMMITTED)
          .isEqualTo(wholeResult.outcome());
      assertThat(split.rowsAccepted()).isPositive().isEqualTo(wholeResult.rowsAccepted());
      assertThat(split.rowsRejected()).isPositive().isEqualTo(wholeResult.rowsRejected());
      assertThat(split.filesWritten())
          .as("each range writes files of its own")
          .isGreaterThan(wholeResult.filesWritten());
      Snapshot snapshot = history.snapshotAt("bank_transactions", null).orElseThrow().snapshot();
      assertThat(snapshot.summary()).containsEntry(BatchCommitter.BATCH_ID, split.batchId());
      assertThat(BatchProfile.fromSummary(snapshot.summary()).orElseThrow().rows())
          .isEqualTo(split.rowsAccepted());
      assertThat(s3.listObjectsV2(b -> b.bucket("strata-history").prefix("_split/")).contents())
          .as("the working files are gone once the batch is committed")
          .isEmpty();
    }
  }

  private static S3Client client() {
    return TestLakes.s3Client(LargeFilesLakeProfile.S3_PORT);
  }
}
