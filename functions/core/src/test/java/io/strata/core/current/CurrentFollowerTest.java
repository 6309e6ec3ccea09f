package io.strata.core.current;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.DirectoryContractRepository;
import io.strata.core.query.DemoLake;
import io.strata.core.table.TableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once: the follower applies every history batch once, in commit order, whatever crashed
 * before it, however often it is called, and however many followers race.
 */
class CurrentFollowerTest {

  private static final String HEADER = DemoLake.BANK_HEADER;
  private static final Instant MONDAY = Instant.parse("2024-01-15T06:00:00Z");

  @TempDir Path dir;
  @TempDir Path datasets;
  private DirectoryContractRepository contracts;
  private DemoLake lake;
  private CurrentTables current;
  private CurrentFollower follower;

  @BeforeEach
  void setUp() throws Exception {
    Files.copy(
        Path.of("../../datasets/bank_transactions.yaml"),
        datasets.resolve("bank_transactions.yaml"));
    contracts = new DirectoryContractRepository(datasets, java.time.Duration.ZERO);
    lake = new DemoLake(dir, contracts);
    current = new CurrentTables(lake.tables());
    follower = new CurrentFollower(current);
  }

  @AfterEach
  void tearDown() throws Exception {
    lake.close();
  }

  @Test
  void catchesUpEveryBatchCommittedWhileItWasDownOneSnapshotEachInOrder() throws Exception {
    // given three batches committed with no follower (crashed after each history commit)
    List<Long> history = ingestThreeBatches();

    // when the next call comes
    follower.follow(bank(), historyTable(), historyTable().currentSnapshot());

    // then
    Table table = current.load("bank_transactions").orElseThrow();
    assertThat(reflectedInOrder(table)).containsExactlyElementsOf(history);
    assertThat(CurrentViews.table(lake, bank(), table))
        .isEqualTo(CurrentViews.derived(lake, bank(), historyTable().currentSnapshot()))
        .hasSize(3);
  }

  @Test
  void aRepeatedOrOlderCallChangesNothing() throws Exception {
    List<Long> history = ingestThreeBatches();
    follower.follow(bank(), historyTable(), historyTable().currentSnapshot());
    Table table = current.load("bank_transactions").orElseThrow();
    long before = table.currentSnapshot().snapshotId();

    follower.follow(bank(), historyTable(), historyTable().currentSnapshot());
    follower.follow(bank(), historyTable(), historyTable().snapshot(history.get(0)));

    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(before);
    assertThat(reflectedInOrder(table)).containsExactlyElementsOf(history);
  }

  @Test
  void aFollowerThatFailedAfterTheHistoryCommitIsCompletedByTheRetry() throws Exception {
    // given a follower that fails once, after the history commit
    boolean[] failed = {false};
    lake.following(
        (contract, history, committed) -> {
          if (!failed[0]) {
            failed[0] = true;
            throw new TableException("Cannot update current table: simulated crash");
          }
          follower.follow(contract, history, committed);
        });
    assertThatThrownBy(
            () -> lake.ingest("bank_transactions/a.csv", HEADER + row(1, "10.00"), MONDAY))
        .isNotNull();
    Snapshot committed = historyTable().currentSnapshot();
    assertThat(current.load("bank_transactions")).isEmpty();

    // when the event is retried, the batch is found committed and followed again
    follower.follow(bank(), historyTable(), committed);

    // then
    Table table = current.load("bank_transactions").orElseThrow();
    assertThat(reflectedInOrder(table)).containsExactly(committed.snapshotId());
    assertThat(CurrentViews.table(lake, bank(), table)).hasSize(1);
  }

  @Test
  void racingFollowersApplyEachBatchOnceAndLeaveNoUnusedFile() throws Exception {
    List<Long> history = ingestThreeBatches();
    Table historyTable = historyTable();
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Void>> racers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CurrentFollower racer = new CurrentFollower(new CurrentTables(lake.tables()));
      racers.add(
          CompletableFuture.runAsync(
              () -> {
                awaitQuietly(start);
                racer.follow(bank(), historyTable, historyTable.currentSnapshot());
              }));
    }
    start.countDown();
    CompletableFuture.allOf(racers.toArray(CompletableFuture[]::new)).join();

    Table table = current.load("bank_transactions").orElseThrow();
    assertThat(reflectedInOrder(table)).containsExactlyElementsOf(history);
    assertThat(CurrentViews.table(lake, bank(), table))
        .isEqualTo(CurrentViews.derived(lake, bank(), historyTable.currentSnapshot()));
    assertThat(dataFilesOnDisk()).hasSameSizeAs(allLiveOrReplacedFiles(table));
  }

  @Test
  void aColumnTheHistoryTableGainsReachesTheCurrentTable() throws Exception {
    lake.following(follower);
    lake.ingest("bank_transactions/a.csv", HEADER + row(1, "10.00"), MONDAY);
    String v2 =
        Files.readString(datasets.resolve("bank_transactions.yaml"))
            .replace("version: 1", "version: 2")
            .replace(
                "key: [transaction_id]",
                "  - name: branch\n    type: string\n    required: false\nkey: [transaction_id]");
    Files.writeString(datasets.resolve("bank_transactions.yaml"), v2);
    assertThat(bank().version()).isEqualTo(2);

    lake.ingest(
        "bank_transactions/b.csv",
        HEADER.replace("\n", ",branch\n") + row(2, "20.00").replace("\n", ",B7\n"),
        MONDAY.plusSeconds(60));

    Table table = current.load("bank_transactions").orElseThrow();
    assertThat(table.schema().findField("branch")).isNotNull();
    DatasetContract contract = contracts.find("bank_transactions").orElseThrow();
    assertThat(CurrentViews.table(lake, contract, table))
        .isEqualTo(CurrentViews.derived(lake, contract, historyTable().currentSnapshot()))
        .anyMatch(line -> line.contains("|B7|"))
        .hasSize(2);
  }

  private List<Long> ingestThreeBatches() {
    List<Long> ids = new ArrayList<>();
    lake.ingest("bank_transactions/a.csv", HEADER + row(1, "10.00") + row(2, "20.00"), MONDAY);
    ids.add(historyTable().currentSnapshot().snapshotId());
    lake.ingest("bank_transactions/b.csv", HEADER + row(2, "21.00"), MONDAY.plusSeconds(60));
    ids.add(historyTable().currentSnapshot().snapshotId());
    lake.ingest(
        "bank_transactions/c.csv",
        HEADER + row(3, "30.00") + row(1, "11.00"),
        MONDAY.minusSeconds(60));
    ids.add(historyTable().currentSnapshot().snapshotId());
    return ids;
  }

  private static String row(int id, String amount) {
    return "TX000000000" + id + ",DE89370400440532013000,2024-01-15," + amount + ",EUR,,POS\n";
  }

  private DatasetContract bank() {
    return contracts.find("bank_transactions").orElseThrow();
  }

  private Table historyTable() {
    return lake.tables().load("bank_transactions").orElseThrow();
  }

  /** The history snapshot ids the current table's snapshots name, oldest first. */
  private static List<Long> reflectedInOrder(Table table) {
    List<Long> ids = new ArrayList<>();
    for (Snapshot s = table.currentSnapshot();
        s != null;
        s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
      ids.add(0, Long.parseLong(s.summary().get(CurrentTables.HISTORY_SNAPSHOT_ID)));
    }
    return ids;
  }

  private List<Path> dataFilesOnDisk() throws IOException {
    Path data = dir.resolve(DemoLake.HISTORY).resolve("_current/bank_transactions/data");
    try (Stream<Path> files = Files.walk(data)) {
      return files.filter(f -> f.toString().endsWith(".parquet")).toList();
    }
  }

  /** Every data file any snapshot of the table added: copy-on-write keeps replaced ones. */
  private static List<String> allLiveOrReplacedFiles(Table table) {
    List<String> files = new ArrayList<>();
    for (Snapshot s : table.snapshots()) {
      for (DataFile file : s.addedDataFiles(table.io())) {
        files.add(file.location());
      }
    }
    return files;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
