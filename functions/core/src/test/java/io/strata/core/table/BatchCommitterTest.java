package io.strata.core.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.strata.core.store.InMemoryObjectStore;
import io.strata.core.testing.TestCatalogs;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PendingUpdate;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.junit.jupiter.api.Test;

/**
 * The exactly-once commit loop on a real table of the JDBC catalog. Where a catalog fault is
 * needed, the table's append is wrapped so its commit fails as Iceberg reports such faults.
 */
class BatchCommitterTest {

  private final HistoryTables tables =
      new HistoryTables(
          TestCatalogs.inMemory(new InMemoryObjectStore()),
          TestCatalogs.DATABASE,
          "history",
          new CommitRetry(3, Duration.ZERO, Duration.ZERO));
  private final Table table = tables.ensure(Contracts.orders(1, "additive", ""));
  private final BatchCommitter committer = new BatchCommitter(tables.retry());

  @Test
  void appendsOnceAndRecognisesTheSameBatchAfterwards() {
    // when
    BatchCommitter.Result first = committer.commit(table, "b1", List.of(file("b1")), Map.of());
    BatchCommitter.Result again = committer.commit(table, "b1", List.of(file("b1")), Map.of());

    // then
    assertThat(first.outcome()).isEqualTo(BatchCommitter.Outcome.APPENDED);
    assertThat(again.outcome()).isEqualTo(BatchCommitter.Outcome.ALREADY_COMMITTED);
    assertThat(again.snapshot().snapshotId()).isEqualTo(first.snapshot().snapshotId());
    assertThat(tables.load("orders").orElseThrow().snapshots()).hasSize(1);
  }

  @Test
  void commitsABatchWithoutFilesAsASnapshotThatNamesIt() {
    // when: every row of the file was rejected, within the error policy
    BatchCommitter.Result result = committer.commit(table, "empty", List.of(), Map.of());

    // then
    assertThat(result.outcome()).isEqualTo(BatchCommitter.Outcome.APPENDED);
    assertThat(BatchCommitter.refreshedCommitOf(table, "empty")).isPresent();
  }

  @Test
  void anUnknownOutcomeIsSettledByReadingTheTableAndNeverAppendsTwice() {
    // given: the catalog stored the commit but the answer was lost
    Table lostAnswer =
        withAppendCommit(
            table,
            true,
            new CommitStateUnknownException(new java.net.SocketTimeoutException("Read timed out")));

    // when
    BatchCommitter.Result result =
        committer.commit(lostAnswer, "b2", List.of(file("b2")), Map.of());

    // then
    assertThat(result.outcome()).isEqualTo(BatchCommitter.Outcome.ALREADY_COMMITTED);
    assertThat(tables.load("orders").orElseThrow().snapshots()).hasSize(1);
  }

  @Test
  void givesUpAfterTheLastTryWithAMessageAndNothingCommitted() {
    // given: another writer wins every race
    Table contended =
        withAppendCommit(table, false, new CommitFailedException("metadata location changed"));

    // when / then
    assertThatThrownBy(() -> committer.commit(contended, "b3", List.of(file("b3")), Map.of()))
        .isInstanceOf(TableException.class)
        .hasMessage(
            "Cannot commit batch b3 to table strata.strata.orders: other writers committed first in"
                + " each of 3 tries; nothing of the batch is visible, a retry of the event"
                + " completes it");
    assertThat(tables.load("orders").orElseThrow().snapshots()).isEmpty();
  }

  @Test
  void theSameBatchCommittedByAnotherWriterAfterTheLookIsFoundNotAppendedAgain() {
    // given: a duplicate event's writer commits the batch between this writer's look and append
    Table other = tables.load("orders").orElseThrow();
    Table racing =
        withCommitBeforeTheAppend(
            table, () -> committer.commit(other, "b4", List.of(file("b4")), Map.of()));

    // when
    BatchCommitter.Result result = committer.commit(racing, "b4", List.of(file("b4")), Map.of());

    // then
    assertThat(result.outcome()).isEqualTo(BatchCommitter.Outcome.ALREADY_COMMITTED);
    assertThat(result.retries()).isEqualTo(1);
    assertThat(tables.load("orders").orElseThrow().snapshots()).hasSize(1);
  }

  @Test
  void anotherBatchCommittedAfterTheLookCostsATryAndBothAreAppendSnapshots() {
    // given
    Table other = tables.load("orders").orElseThrow();
    Table racing =
        withCommitBeforeTheAppend(
            table, () -> committer.commit(other, "b5", List.of(file("b5")), Map.of()));

    // when
    BatchCommitter.Result result = committer.commit(racing, "b6", List.of(file("b6")), Map.of());

    // then
    assertThat(result.outcome()).isEqualTo(BatchCommitter.Outcome.APPENDED);
    assertThat(result.retries()).isEqualTo(1);
    assertThat(tables.load("orders").orElseThrow().snapshots())
        .extracting(Snapshot::operation, sn -> sn.summary().get(BatchCommitter.BATCH_ID))
        .containsExactly(tuple("append", "b5"), tuple("append", "b6"));
  }

  private DataFile file(String batchId) {
    return DataFiles.builder(table.spec())
        .withPath("s3://history/orders/data/" + batchId + ".parquet")
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(100)
        .withRecordCount(1)
        .withPartitionPath("order_date=2024-01-15")
        .build();
  }

  /**
   * The table, whose appends end in {@code failure} on commit: after committing for real when
   * {@code landed}, instead of committing otherwise.
   */
  private static Table withAppendCommit(Table real, boolean landed, RuntimeException failure) {
    InvocationHandler tableHandler =
        (proxy, method, args) -> {
          if (!isAppend(method)) {
            return invoke(method, real, args);
          }
          PendingUpdate<?> append = (PendingUpdate<?>) invoke(method, real, args);
          Class<?> type = method.getReturnType();
          return Proxy.newProxyInstance(
              type.getClassLoader(),
              new Class<?>[] {type},
              (appendProxy, appendMethod, appendArgs) -> {
                if (appendMethod.getName().equals("commit")) {
                  if (landed) {
                    append.commit();
                  }
                  throw failure;
                }
                Object result = invoke(appendMethod, append, appendArgs);
                return result == append ? appendProxy : result;
              });
        };
    return (Table)
        Proxy.newProxyInstance(
            Table.class.getClassLoader(), new Class<?>[] {Table.class}, tableHandler);
  }

  /** The table, where another writer commits once right before this one starts its append. */
  private static Table withCommitBeforeTheAppend(Table real, Runnable otherWriter) {
    boolean[] done = {false};
    InvocationHandler tableHandler =
        (proxy, method, args) -> {
          if (isAppend(method) && !done[0]) {
            done[0] = true;
            otherWriter.run();
          }
          return invoke(method, real, args);
        };
    return (Table)
        Proxy.newProxyInstance(
            Table.class.getClassLoader(), new Class<?>[] {Table.class}, tableHandler);
  }

  private static boolean isAppend(java.lang.reflect.Method method) {
    return method.getName().equals("newAppend") || method.getName().equals("newOverwrite");
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
