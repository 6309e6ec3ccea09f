package io.strata.core.table;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits one batch's data files as one Iceberg append snapshot, exactly once per batch id. Tables
 * are created with Iceberg's own commit retries off, because a retry inside Iceberg re-applies the
 * append without looking for the batch again; this loop does instead: before every try it reads the
 * table afresh and looks for a snapshot whose summary names the batch, and only appends when none
 * does, validated against the snapshot it looked in (see {@link #append}). A lost race ({@code
 * CommitFailedException}, or data another writer added since the look: {@code ValidationException})
 * is tried again after a jittered pause; an unknown outcome ({@code CommitStateUnknownException})
 * is settled by reading the table again.
 */
public final class BatchCommitter {

  /** Snapshot summary key naming the batch a snapshot appended. */
  public static final String BATCH_ID = "strata.batch-id";

  private static final Logger LOG = LoggerFactory.getLogger(BatchCommitter.class);

  private final CommitRetry retry;

  public BatchCommitter(CommitRetry retry) {
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /** How a commit ended. */
  public enum Outcome {
    /** This call appended the batch. */
    APPENDED,
    /** The batch was committed before (a retry, or a duplicate that won the race). */
    ALREADY_COMMITTED
  }

  /**
   * The result of one commit.
   *
   * @param snapshot the snapshot that holds the batch
   * @param retries tries lost to other writers before it succeeded
   */
  public record Result(Outcome outcome, Snapshot snapshot, int retries) {}

  /**
   * Appends the batch's files with the given summary, unless a snapshot already names the batch.
   *
   * @param summary snapshot summary properties; {@link #BATCH_ID} is added
   * @throws TableException when other writers won every try, or the catalog failed
   */
  public Result commit(
      Table table, String batchId, List<DataFile> files, Map<String, String> summary) {
    String name = table.name();
    for (int attempt = 1; ; attempt++) {
      try {
        Optional<Snapshot> committed = refreshedCommitOf(table, batchId);
        if (committed.isPresent()) {
          return new Result(Outcome.ALREADY_COMMITTED, committed.get(), attempt - 1);
        }
        SnapshotUpdate<?> append = append(table, files, table.currentSnapshot());
        summary.forEach(append::set);
        append.set(BATCH_ID, batchId);
        append.commit();
        Snapshot snapshot =
            commitOf(table, batchId)
                .orElseThrow(() -> new TableException("Cannot find the snapshot just committed"));
        return new Result(Outcome.APPENDED, snapshot, attempt - 1);
      } catch (CommitFailedException | ValidationException e) {
        giveUpAfter(attempt, name, batchId, e);
        retry.pause(attempt, "commit of batch " + batchId);
      } catch (CommitStateUnknownException e) {
        // Whether the append landed is known only to the catalog: the next try reads it again
        // and finds the batch if it did.
        LOG.warn("Commit of batch {} to table {} has an unknown outcome, checking", batchId, name);
        giveUpAfter(attempt, name, batchId, e);
      } catch (TableException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new TableException(
            "Cannot commit batch " + batchId + " to table " + name + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * The append of the batch's files, valid only while no other data was added after {@code
   * checked}, the snapshot the batch was looked for in. Iceberg reads the table again inside {@code
   * commit()} and would otherwise put the files on top of whatever was committed meanwhile, a
   * duplicate of this very batch included; with the check, such a commit fails validation and the
   * loop looks for the batch again. An append of files with no overwrite filter and nothing deleted
   * is an Iceberg {@code append} snapshot, as engines expect. A batch without files has no rows to
   * duplicate and is a plain append.
   */
  private static SnapshotUpdate<?> append(Table table, List<DataFile> files, Snapshot checked) {
    if (files.isEmpty()) {
      return table.newAppend();
    }
    OverwriteFiles append =
        table
            .newOverwrite()
            .conflictDetectionFilter(Expressions.alwaysTrue())
            .validateNoConflictingData();
    if (checked != null) {
      append.validateFromSnapshot(checked.snapshotId());
    }
    files.forEach(append::addFile);
    return append;
  }

  /** The snapshot that appended the batch, looked up on the table as it is now in the catalog. */
  public static Optional<Snapshot> refreshedCommitOf(Table table, String batchId) {
    table.refresh();
    return commitOf(table, batchId);
  }

  /** The snapshot that appended the batch, on the table's metadata as last read. */
  public static Optional<Snapshot> commitOf(Table table, String batchId) {
    for (Snapshot snapshot : table.snapshots()) {
      if (batchId.equals(snapshot.summary().get(BATCH_ID))) {
        return Optional.of(snapshot);
      }
    }
    return Optional.empty();
  }

  private void giveUpAfter(int attempt, String table, String batchId, RuntimeException e) {
    if (attempt >= retry.attempts()) {
      Supplier<String> why =
          () ->
              e instanceof CommitStateUnknownException
                  ? "the catalog never confirmed a commit"
                  : "other writers committed first";
      throw new TableException(
          "Cannot commit batch "
              + batchId
              + " to table "
              + table
              + ": "
              + why.get()
              + " in each of "
              + attempt
              + " tries; nothing of the batch is visible, a retry of the event completes it",
          e);
    }
  }
}
