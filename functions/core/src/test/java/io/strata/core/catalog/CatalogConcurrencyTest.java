package io.strata.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.DatasetContract;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many writers at once, each with the contract version its (simulated) Lambda has cached, evolving
 * one table and registering overlapping partitions against a catalog that enforces version checks.
 * Afterwards no column and no partition may be missing.
 */
class CatalogConcurrencyTest {

  private static final int WRITERS = 16;
  private static final int BATCHES_PER_WRITER = 25;
  private static final int VERSIONS = 8;
  private static final int DAYS = 60;
  private static final int PARTITIONS_PER_BATCH = 5;

  @Test
  void concurrentWritersLoseNoColumnAndNoPartition() throws Exception {
    // given
    ContendedCatalog catalog = new ContendedCatalog();
    CatalogRegistrar registrar =
        new CatalogRegistrar(
            catalog, "h", new CatalogRetry(50, Duration.ofMillis(1), Duration.ofMillis(20)));
    List<DatasetContract> contracts = new ArrayList<>();
    for (int version = 1; version <= VERSIONS; version++) {
      contracts.add(contract(version));
    }
    Set<List<String>> written = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    List<Future<?>> writers = new ArrayList<>();

    // when
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(
          pool.submit(
              () -> {
                Random random = new Random(writer);
                start.await();
                for (int batch = 0; batch < BATCHES_PER_WRITER; batch++) {
                  DatasetContract contract = contracts.get(rolloutVersion(writer, batch) - 1);
                  CatalogTable table = registrar.ensureTable(contract);
                  List<String> paths = new ArrayList<>();
                  for (int p = 0; p < PARTITIONS_PER_BATCH; p++) {
                    String day = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(DAYS)).toString();
                    paths.add("order_date=" + day);
                    written.add(List.of(day));
                  }
                  registrar.registerPartitions(table, paths);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> writer : writers) {
      writer.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();

    // then
    CatalogTable expected = CatalogTableMapper.forContract(contracts.get(VERSIONS - 1), "h");
    CatalogTable stored = catalog.table("orders").orElseThrow();
    assertThat(stored.columns()).isEqualTo(expected.columns());
    assertThat(stored.contractVersion()).isEqualTo(VERSIONS);
    Set<List<String>> registered = new HashSet<>();
    catalog.partitions("orders").forEach(p -> registered.add(p.values()));
    assertThat(registered).isEqualTo(written);
    assertThat(catalog.droppedColumns).hasValue(0);
    assertThat(catalog.conflicts.get()).isGreaterThanOrEqualTo(WRITERS - 1);
    System.out.printf(
        "catalog concurrency: %d writers, %d batches, %d contract versions, %d columns,"
            + " %d distinct partitions of %d registrations, %d table updates, %d conflicts retried,"
            + " 0 columns and 0 partitions lost%n",
        WRITERS,
        WRITERS * BATCHES_PER_WRITER,
        VERSIONS,
        stored.columns().size(),
        registered.size(),
        WRITERS * BATCHES_PER_WRITER * PARTITIONS_PER_BATCH,
        catalog.updates.get(),
        catalog.conflicts.get());
  }

  /**
   * The contract version a writer has cached for a batch. The first batches start together with the
   * first half of the versions at once (a stampede onto an empty catalog); then versions roll out
   * over the run, a third of the writers lagging one version behind, another third running one
   * ahead.
   */
  private static int rolloutVersion(int writer, int batch) {
    if (batch == 0) {
      return writer % (VERSIONS / 2) + 1;
    }
    int version = 1 + batch * VERSIONS / BATCHES_PER_WRITER + (writer % 3) - 1;
    return Math.max(1, Math.min(VERSIONS, version));
  }

  /**
   * Version k of {@code orders}: the base columns plus nullable {@code extra_2 … extra_k}; from
   * version 5 on, {@code quantity} widens from int to long.
   */
  private static DatasetContract contract(int version) {
    StringBuilder extra = new StringBuilder();
    for (int k = 2; k <= version; k++) {
      extra.append("  - {name: extra_").append(k).append(", type: string}\n");
    }
    return Contracts.yaml(
        """
        name: orders
        version: %d
        format: csv
        columns:
          - {name: order_id, type: string, required: true}
          - {name: order_date, type: date, required: true}
          - {name: quantity, type: %s, required: true}
        %s
        partitions:
          - {name: order_date, source: order_date}
        """
            .formatted(version, version >= 5 ? "long" : "int", extra));
  }

  /**
   * Holds each reader back briefly so that writers interleave, counts lost races, and counts
   * columns that any stored update dropped, even for a moment.
   */
  private static final class ContendedCatalog extends InMemoryCatalog {
    final AtomicInteger conflicts = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final CountDownLatch firstReads = new CountDownLatch(WRITERS);
    final AtomicInteger updates = new AtomicInteger();
    final AtomicInteger droppedColumns = new AtomicInteger();

    @Override
    public Optional<CatalogTable> table(String name) {
      Optional<CatalogTable> table = super.table(name);
      try {
        if (reads.getAndIncrement() < WRITERS) {
          // Every writer's first read sees the same state, so they surely collide at creation.
          firstReads.countDown();
          firstReads.await(30, TimeUnit.SECONDS);
        } else {
          Thread.sleep(1);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return table;
    }

    @Override
    public void createTable(CatalogTable table) {
      try {
        super.createTable(table);
      } catch (CatalogConflictException e) {
        conflicts.incrementAndGet();
        throw e;
      }
    }

    /** Checks under the catalog's lock that no stored update ever drops a column. */
    @Override
    public synchronized void updateTable(CatalogTable table) {
      CatalogTable before = super.table(table.name()).orElseThrow();
      try {
        super.updateTable(table);
      } catch (CatalogConflictException e) {
        conflicts.incrementAndGet();
        throw e;
      }
      updates.incrementAndGet();
      for (CatalogColumn column : before.columns()) {
        if (table.column(column.name()).isEmpty()) {
          droppedColumns.incrementAndGet();
        }
      }
    }
  }
}
