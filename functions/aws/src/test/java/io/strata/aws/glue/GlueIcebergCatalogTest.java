package io.strata.aws.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.strata.aws.testing.GlueFake;
import io.strata.aws.testing.S3ProxyExtension;
import io.strata.aws.testing.S3ProxyServer;
import io.strata.core.contract.ContractLoader;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.HistoryPolicy;
import io.strata.core.maintenance.CompactionSettings;
import io.strata.core.maintenance.LakeMaintenance;
import io.strata.core.maintenance.SnapshotExpiry;
import io.strata.core.maintenance.TableCompactor;
import io.strata.core.table.BatchCommitter;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistoryTables;
import io.strata.core.table.TableException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Iceberg's real GlueCatalog through the real AWS SDK, against a stateful Glue stand-in that
 * enforces {@code VersionId} on {@code UpdateTable}, with table files in s3proxy through S3FileIO.
 */
class GlueIcebergCatalogTest {

  private static final String HISTORY = "strata-history";

  @RegisterExtension
  static final S3ProxyExtension S3 = S3ProxyExtension.inMemory().withBuckets(HISTORY);

  private static final DatasetContract BANK =
      ContractLoader.load(Path.of("../../datasets/bank_transactions.yaml"));

  private GlueFake glue;
  private Catalog catalog;
  private HistoryTables tables;

  @BeforeAll
  static void credentials() {
    // The Glue client takes them from the SDK's default chain, as in Lambda.
    System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    System.setProperty("aws.region", S3ProxyServer.REGION.id());
  }

  @BeforeEach
  void startCatalog() {
    glue = new GlueFake("lake");
    CatalogConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(CatalogConfig.class)
            .withSources(
                new PropertiesConfigSource(
                    Map.of(
                        "strata.catalog.database",
                        "lake",
                        "strata.catalog.glue.endpoint-override",
                        glue.endpoint().toString(),
                        "strata.catalog.properties.\"s3.endpoint\"",
                        S3.endpoint().toString(),
                        "strata.catalog.properties.\"s3.path-style-access\"",
                        "true"),
                    "test",
                    100))
            .build()
            .getConfigMapping(CatalogConfig.class);
    catalog = new GlueWiring().glueCatalog(config);
    tables =
        new HistoryTables(
            catalog,
            "lake",
            HISTORY,
            new CommitRetry(100, Duration.ofMillis(5), Duration.ofMillis(500)));
  }

  @AfterEach
  void stopCatalog() {
    new GlueWiring().closeCatalog(catalog);
    glue.close();
  }

  @Test
  void listsEveryIcebergTableOfADatabaseAcrossGetTablesPages() {
    // given more tables than one page of the stand-in holds
    Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
    for (String name : List.of("a_table", "b_table", "c_table")) {
      catalog
          .buildTable(TableIdentifier.of("lake", name), schema)
          .withLocation("s3://" + HISTORY + "/" + name)
          .create();
    }

    // when
    List<TableIdentifier> listed = catalog.listTables(Namespace.of("lake"));

    // then
    assertThat(listed)
        .extracting(TableIdentifier::name)
        .containsExactlyInAnyOrder("a_table", "b_table", "c_table");
    assertThat(glue.actions()).filteredOn("GetTables"::equals).hasSize(2);
  }

  @Test
  void maintenanceSkipsALakeDatabaseGlueDoesNotHave() {
    // given the history table only: Glue has no lake_reports database
    tables.ensure(BANK);
    LakeMaintenance maintenance =
        new LakeMaintenance(
            catalog,
            new TableCompactor(CompactionSettings.DEFAULT, CommitRetry.DEFAULT),
            new SnapshotExpiry(Clock.systemUTC(), CommitRetry.DEFAULT),
            table -> HistoryPolicy.FOREVER);

    // when
    List<LakeMaintenance.TableReport> reports =
        maintenance.run(List.of(Namespace.of("lake"), Namespace.of("lake_reports")));

    // then
    assertThat(reports)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.table()).isEqualTo(TableIdentifier.of("lake", "bank_transactions"));
              assertThat(r.failure()).isNull();
            });
  }

  @Test
  void createsTheTableInGlueWithItsMetadataInS3() {
    // when
    Table table = tables.ensure(BANK);

    // then
    assertThat(glue.tableParameters("lake", "bank_transactions"))
        .containsEntry("table_type", "ICEBERG")
        .containsKey("metadata_location");
    assertThat(glue.tableParameters("lake", "bank_transactions").get("metadata_location"))
        .startsWith("s3://strata-history/bank_transactions/metadata/");
    assertThat(table.properties()).containsEntry("commit.retry.num-retries", "0");
    assertThat(objects("bank_transactions/metadata/")).isNotEmpty();
  }

  @Test
  void sixteenBatchesAndFourDuplicatesCommittedAtOnceGiveSixteenSnapshots() throws Exception {
    // given
    Table created = tables.ensure(BANK);
    BatchCommitter committer = new BatchCommitter(tables.retry());
    List<String> batches = new ArrayList<>();
    for (int b = 0; b < 16; b++) {
      batches.add("batch-" + b);
    }
    batches.addAll(batches.subList(0, 4));
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<Integer> retries = Collections.synchronizedList(new ArrayList<>());

    // when
    ExecutorService pool = Executors.newFixedThreadPool(batches.size());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<BatchCommitter.Outcome>> outcomes = new ArrayList<>();
    for (String batch : batches) {
      outcomes.add(
          pool.submit(
              () -> {
                Table table = tables.load("bank_transactions").orElseThrow();
                start.await();
                long begin = System.nanoTime();
                BatchCommitter.Result result =
                    committer.commit(table, batch, List.of(dataFile(created, batch)), Map.of());
                latencies.add(System.nanoTime() - begin);
                retries.add(result.retries());
                return result.outcome();
              }));
    }
    start.countDown();
    List<BatchCommitter.Outcome> results = new ArrayList<>();
    for (Future<BatchCommitter.Outcome> outcome : outcomes) {
      results.add(outcome.get());
    }
    pool.shutdown();

    // then
    Table table = tables.load("bank_transactions").orElseThrow();
    List<String> committed =
        StreamSupport.stream(table.snapshots().spliterator(), false)
            .map(s -> s.summary().get(BatchCommitter.BATCH_ID))
            .toList();
    assertThat(committed).hasSize(16).doesNotHaveDuplicates();
    assertThat(results).filteredOn(o -> o == BatchCommitter.Outcome.APPENDED).hasSize(16);
    assertThat(glue.conflicts()).isPositive();
    List<Long> sorted = latencies.stream().sorted().toList();
    System.out.printf(
        Locale.ROOT,
        "Iceberg commits (GlueCatalog, Glue stand-in, s3proxy): 20 writers, 16 batches + 4"
            + " duplicates: latency p50 %.1f ms, p99 %.1f ms; %d lost races retried, %d"
            + " VersionId conflicts%n",
        sorted.get(sorted.size() / 2) / 1e6,
        sorted.get(sorted.size() - 1) / 1e6,
        retries.stream().mapToInt(Integer::intValue).sum(),
        glue.conflicts());
  }

  @Test
  void aThrottledUpdateIsRetriedByTheSdkAndTheBatchCommitsOnce() {
    // given
    Table table = tables.ensure(BANK);
    glue.throttle("UpdateTable", 1);

    // when
    BatchCommitter.Result result =
        new BatchCommitter(tables.retry())
            .commit(table, "b1", List.of(dataFile(table, "b1")), Map.of());

    // then
    assertThat(result.outcome()).isEqualTo(BatchCommitter.Outcome.APPENDED);
    assertThat(glue.actions().stream().filter("UpdateTable"::equals)).hasSize(2);
    assertThat(tables.load("bank_transactions").orElseThrow().snapshots()).hasSize(1);
  }

  @Test
  void aTableWhoseMetadataDisappearedFailsWithItsName() {
    // given
    tables.ensure(BANK);
    for (String key : objects("bank_transactions/metadata/")) {
      S3.client().deleteObject(r -> r.bucket(HISTORY).key(key));
    }

    // when / then
    assertThatThrownBy(() -> tables.load("bank_transactions"))
        .isInstanceOf(TableException.class)
        .hasMessageStartingWith("Cannot load table lake.bank_transactions: ");
  }

  private List<String> objects(String prefix) {
    return S3.client().listObjectsV2(r -> r.bucket(HISTORY).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  private static DataFile dataFile(Table table, String batchId) {
    return DataFiles.builder(table.spec())
        .withPath("s3://" + HISTORY + "/bank_transactions/data/" + batchId + ".parquet")
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(1024)
        .withRecordCount(1)
        .withPartitionPath("booking_date=2024-01-15")
        .build();
  }
}
