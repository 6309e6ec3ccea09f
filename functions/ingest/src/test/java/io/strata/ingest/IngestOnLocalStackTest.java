package io.strata.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.aws.ingest.IngestSummary;
import io.strata.aws.ingest.S3EventProcessor;
import io.strata.aws.s3.S3ObjectStore;
import io.strata.aws.testing.EventFixtures;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.IngestSettings;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistoryTables;
import io.strata.core.table.JdbcCatalogs;
import io.strata.core.table.ObjectStoreFileIO;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole ingest path (S3 event → validated Parquet history) against LocalStack's S3, the closest
 * stand-in for the real service. Runs where Docker exists; skipped, not failed, where it does not.
 */
@Testcontainers(disabledWithoutDocker = true)
class IngestOnLocalStackTest {

  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
          .withServices(LocalStackContainer.Service.S3);

  @TempDir Path downloads;

  @Test
  void turnsTheSampleBankEventIntoHistoryOnLocalStack() throws Exception {
    // given
    S3Client s3 =
        S3Client.builder()
            .endpointOverride(LOCALSTACK.getEndpoint())
            .region(Region.of(LOCALSTACK.getRegion()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
            .forcePathStyle(true)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    s3.createBucket(b -> b.bucket("strata-raw"));
    s3.createBucket(b -> b.bucket("strata-history"));
    Path sample = EventFixtures.path("raw/bank_transactions/transactions-2024-01-15.csv");
    s3.putObject(
        b -> b.bucket("strata-raw").key("bank_transactions/2024/01/15/transactions.csv"),
        RequestBody.fromFile(sample));
    S3ObjectStore store = new S3ObjectStore(s3);
    S3EventProcessor processor =
        new S3EventProcessor(
            new IngestService(
                store,
                new DirectoryContractRepository(Path.of("../../datasets")),
                new HistoryTables(
                    JdbcCatalogs.h2Memory("localstack", "strata", new ObjectStoreFileIO(store)),
                    "strata",
                    "strata-history",
                    CommitRetry.DEFAULT),
                IngestSettings.defaults(
                    "strata-history", "localstack-key".getBytes(StandardCharsets.UTF_8)),
                Clock.systemUTC()));

    // when
    IngestSummary summary =
        processor.process(EventFixtures.s3Event("s3-put-bank-transactions.json"));

    // then
    assertThat(summary.results())
        .extracting(r -> r.outcome())
        .containsExactly(IngestOutcome.COMMITTED);
    List<S3Object> parquet =
        s3.listObjectsV2(b -> b.bucket("strata-history").prefix("bank_transactions/")).contents();
    assertThat(parquet).isNotEmpty().allMatch(o -> o.key().endsWith(".parquet"));
    for (S3Object object : parquet) {
      Path local = downloads.resolve(object.key());
      Files.createDirectories(local.getParent());
      s3.getObject(b -> b.bucket("strata-history").key(object.key()), local);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM read_parquet('"
                    + downloads.resolve("bank_transactions")
                    + "/**/*.parquet', hive_partitioning = true)")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(Files.readAllLines(sample).size() - 1);
    }
  }
}
