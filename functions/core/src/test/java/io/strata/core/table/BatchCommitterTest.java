package io.strata.core.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.store.InMemoryObjectStore;
import io.strata.core.testing.TestCatalogs;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
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
          if (method.getName().equals("newAppend")) {
            AppendFiles append = real.newAppend();
            return Proxy.newProxyInstance(
                AppendFiles.class.getClassLoader(),
                new Class<?>[] {AppendFiles.class},
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
          }
          return invoke(method, real, args);
        };
    return (Table)
        Proxy.newProxyInstance(
            Table.class.getClassLoader(), new Class<?>[] {Table.class}, tableHandler);
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
