package io.strata.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.store.ObjectInfo;
import io.strata.core.table.BatchCommitter;
import io.strata.core.table.BatchSnapshot;
import io.strata.core.table.CommitRetry;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.HistoryTables;
import io.strata.core.testing.DuckDb;
import io.strata.core.testing.TestCatalogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many ingests of one dataset at once, against Iceberg's JDBC catalog (commits conditional on the
 * metadata location read, like Glue's VersionId): every batch commits, none twice, none lost.
 */
class IngestConcurrencyTest {

  private static final String RAW = "strata-raw";
  private static final String HISTORY = "strata-history";
  private static final String BANK_HEADER =
      "transaction_id,account_iban,booking_date,amount,currency,counterparty,channel\n";
  private static final int ROWS_PER_FILE = 50;

  @TempDir Path lake;
  private final ContractRepository contracts =
      new DirectoryContractRepository(Path.of("../../datasets"));

  @Test
  void sixteenFilesAndFourDuplicateEventsAtOnceGiveSixteenSnapshotsAndNoDuplicateRow()
      throws Exception {
    // given
    FileSystemObjectStore store = new FileSystemObjectStore(lake);
    HistoryTables tables = TestCatalogs.tables(store, HISTORY);
    IngestService service =
        new IngestService(
            store,
            contracts,
            tables,
            IngestSettings.defaults(HISTORY, "k".getBytes(StandardCharsets.UTF_8)),
            Clock.systemUTC());
    List<RawObjectRef> events = new ArrayList<>();
    for (int f = 0; f < 16; f++) {
      StringBuilder csv = new StringBuilder(BANK_HEADER);
      for (int i = 0; i < ROWS_PER_FILE; i++) {
        csv.append(
            String.format(
                Locale.ROOT,
                "TX%010d,DE89370400440532013000,2024-01-%02d,1.00,EUR,,\n",
                f * 1000 + i,
                10 + i % 3));
      }
      String key = "bank_transactions/part-" + f + ".csv";
      store.put(RAW, key, csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
      ObjectInfo info = store.head(RAW, key).orElseThrow();
      events.add(
          new RawObjectRef(
              RAW, key, null, info.eTag(), info.size(), Instant.parse("2024-01-15T06:00:00Z")));
    }
    events.addAll(events.subList(0, 4)); // duplicate deliveries of four of them

    // when
    List<IngestResult> results = all(events.stream().map(e -> task(() -> service.ingest(e))));

    // then
    Table table = tables.load("bank_transactions").orElseThrow();
    List<String> committed =
        java.util.stream.StreamSupport.stream(table.snapshots().spliterator(), false)
            .map(s -> BatchSnapshot.of(s).orElseThrow().batchId())
            .sorted()
            .toList();
    assertThat(committed).hasSize(16).doesNotHaveDuplicates();
    assertThat(committed)
        .containsExactlyInAnyOrderElementsOf(events.stream().map(BatchId::of).distinct().toList());
    assertThat(results.stream().filter(r -> r.outcome() == IngestOutcome.COMMITTED)).hasSize(16);
    assertThat(store.list(HISTORY, "_batches/")).hasSize(16);
    HistorySnapshot latest = tables.snapshotAt("bank_transactions", null).orElseThrow();
    String files =
        latest.dataFiles().stream()
            .map(f -> "'" + f.replace("s3://", lake.toAbsolutePath() + "/") + "'")
            .collect(Collectors.joining(", ", "[", "]"));
    assertThat(
            DuckDb.query(
                "SELECT count(*), count(DISTINCT transaction_id) FROM read_parquet(" + files + ")"))
        .containsExactly((16 * ROWS_PER_FILE) + "|" + (16 * ROWS_PER_FILE));
  }

  /**
   * Commit latency and lost races with 1, 8 and 32 writers appending to one table at once, 64
   * batches in all; every batch lands exactly once. Prints the figures.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 8, 32})
  void everyWriterCommitsItsBatchesExactlyOnce(int writers) throws Exception {
    // given
    FileSystemObjectStore store = new FileSystemObjectStore(lake);
    HistoryTables tables =
        new HistoryTables(
            TestCatalogs.inMemory(store),
            TestCatalogs.DATABASE,
            HISTORY,
            new CommitRetry(200, java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(500)));
    DatasetContract contract = contracts.find("bank_transactions").orElseThrow();
    Table created = tables.ensure(contract);
    BatchCommitter committer = new BatchCommitter(tables.retry());
    int batches = 64;
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<Integer> retries = Collections.synchronizedList(new ArrayList<>());

    // when
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(
          pool.submit(
              () -> {
                Table table = tables.load("bank_transactions").orElseThrow();
                start.await();
                for (int b = writer; b < batches; b += writers) {
                  String batchId = "batch-" + b;
                  long begin = System.nanoTime();
                  BatchCommitter.Result result =
                      committer.commit(
                          table, batchId, List.of(dataFile(created, batchId)), Map.of());
                  latencies.add(System.nanoTime() - begin);
                  retries.add(result.retries());
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> future : done) {
      future.get();
    }
    pool.shutdown();

    // then
    Table table = tables.load("bank_transactions").orElseThrow();
    assertThat(table.snapshots()).hasSize(batches);
    assertThat(
            java.util.stream.StreamSupport.stream(table.snapshots().spliterator(), false)
                .map(s -> s.summary().get(BatchCommitter.BATCH_ID)))
        .doesNotHaveDuplicates();
    List<Long> sorted = latencies.stream().sorted().toList();
    System.out.printf(
        Locale.ROOT,
        "Iceberg commits (JDBC catalog on H2): %d writers, %d batches: latency p50 %.1f ms, p99"
            + " %.1f ms; %d lost races retried%n",
        writers,
        batches,
        sorted.get(sorted.size() / 2) / 1e6,
        sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6,
        retries.stream().mapToInt(Integer::intValue).sum());
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

  private static <T> Callable<T> task(Callable<T> callable) {
    return callable;
  }

  private static <T> List<T> all(java.util.stream.Stream<Callable<T>> tasks) throws Exception {
    List<Callable<T>> list = tasks.toList();
    ExecutorService pool = Executors.newFixedThreadPool(list.size());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : list) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return task.call();
              }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get());
    }
    pool.shutdown();
    return results;
  }
}
