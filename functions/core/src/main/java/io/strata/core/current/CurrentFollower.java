package io.strata.core.current;

import io.strata.core.contract.DatasetContract;
import io.strata.core.ingest.CommitFollower;
import io.strata.core.table.BatchCommitter;
import io.strata.core.table.TableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a dataset's current table (see {@link CurrentTables}) up to its history table, after every
 * committed batch. It reads which history snapshot the current table reflects from its snapshot
 * summaries and applies each later history snapshot that added rows, oldest first, as one current
 * snapshot naming it; so a crash between the history commit and this one is caught up by the next
 * call, and a call for a snapshot already reflected does nothing. Each commit is validated against
 * the current snapshot it was computed from (no data added or removed since), with Iceberg's own
 * retries off: a follower of a concurrent batch, or a compaction, that committed first makes this
 * try fail; it is computed again from the new state (where the batch may be applied already) after
 * a jittered pause. Datasets without a business key have no current table.
 */
public final class CurrentFollower implements CommitFollower {

  private static final Logger LOG = LoggerFactory.getLogger(CurrentFollower.class);

  private final CurrentTables tables;

  public CurrentFollower(CurrentTables tables) {
    this.tables = Objects.requireNonNull(tables, "tables");
  }

  @Override
  public void follow(DatasetContract contract, Table history, Snapshot committed) {
    if (contract.key().isEmpty()) {
      return;
    }
    for (int attempt = 1; ; ) {
      Table current = tables.ensure(history, contract.name());
      Snapshot base = current.currentSnapshot();
      long reflected =
          CurrentTables.reflected(current).map(CurrentTables.Reflected::sequenceNumber).orElse(-1L);
      Optional<Snapshot> next = nextToApply(history, committed, reflected);
      if (next.isEmpty()) {
        return;
      }
      BatchMerge.Changes changes = null;
      try {
        changes = new BatchMerge(contract, current).apply(history, next.get(), base);
        commit(current, base, next.get(), changes);
        LOG.info(
            "Current table {} reflects history snapshot {}: {} keys of the batch, {} files"
                + " rewritten ({} rows read), {} files written",
            current.name(),
            next.get().snapshotId(),
            changes.batchRows(),
            changes.deleted().size(),
            changes.rowsRead(),
            changes.added().size());
        attempt = 1;
      } catch (CommitFailedException | ValidationException e) {
        discard(current, changes);
        giveUpAfter(attempt, current, next.get(), e);
        tables.retry().pause(attempt++, "current table commit");
      } catch (CommitStateUnknownException e) {
        // Landed or not, the next look at the table's summaries tells; the files stay, since a
        // landed commit holds them.
        LOG.warn("Commit to current table {} has an unknown outcome, checking", current.name());
        giveUpAfter(attempt++, current, next.get(), e);
      } catch (TableException e) {
        discard(current, changes);
        throw e;
      } catch (RuntimeException e) {
        discard(current, changes);
        throw new TableException(
            "Cannot update current table "
                + current.name()
                + " to history snapshot "
                + next.get().snapshotId()
                + ": "
                + e.getMessage(),
            e);
      }
    }
  }

  /**
   * The oldest history snapshot up to {@code committed} that added rows after the one of sequence
   * number {@code reflected}; a compaction's (replace) snapshot adds none and is skipped.
   */
  static Optional<Snapshot> nextToApply(Table history, Snapshot committed, long reflected) {
    List<Snapshot> pending = new ArrayList<>();
    for (Snapshot s = committed;
        s != null && s.sequenceNumber() > reflected;
        s = s.parentId() == null ? null : history.snapshot(s.parentId())) {
      if (addsRows(s)) {
        pending.add(s);
      }
    }
    Collections.reverse(pending);
    return pending.stream().findFirst();
  }

  /**
   * Whether the history snapshot may have added rows: appends (every batch) do; compactions
   * (replace) never change rows.
   *
   * @throws TableException for a snapshot that removed rows, which Strata never commits
   */
  static boolean addsRows(Snapshot snapshot) {
    String operation = snapshot.operation();
    if (DataOperations.REPLACE.equals(operation)) {
      return false;
    }
    if (DataOperations.APPEND.equals(operation) || DataOperations.OVERWRITE.equals(operation)) {
      String deleted = snapshot.summary().get("deleted-records");
      if (deleted == null || "0".equals(deleted)) {
        return true;
      }
    }
    throw new TableException(
        "Cannot follow history snapshot "
            + snapshot.snapshotId()
            + ": its "
            + operation
            + " removed rows, which Strata never does; rebuild the current table by dropping it");
  }

  private static void commit(
      Table current, Snapshot base, Snapshot applied, BatchMerge.Changes changes) {
    OverwriteFiles overwrite =
        current
            .newOverwrite()
            .conflictDetectionFilter(Expressions.alwaysTrue())
            .validateNoConflictingData()
            .validateNoConflictingDeletes();
    if (base != null) {
      overwrite.validateFromSnapshot(base.snapshotId());
    }
    changes.deleted().forEach(overwrite::deleteFile);
    changes.added().forEach(overwrite::addFile);
    overwrite.set(CurrentTables.HISTORY_SNAPSHOT_ID, Long.toString(applied.snapshotId()));
    overwrite.set(CurrentTables.HISTORY_SEQUENCE_NUMBER, Long.toString(applied.sequenceNumber()));
    String batch = applied.summary().get(BatchCommitter.BATCH_ID);
    if (batch != null) {
      overwrite.set(BatchCommitter.BATCH_ID, batch);
    }
    overwrite.commit();
  }

  /** Deletes the files of a try that did not commit; they are referenced by no snapshot. */
  private static void discard(Table current, BatchMerge.Changes changes) {
    if (changes == null) {
      return;
    }
    for (DataFile file : changes.added()) {
      try {
        current.io().deleteFile(file.location());
      } catch (RuntimeException e) {
        LOG.warn("Cannot delete unused current file {}: {}", file.location(), e.toString());
      }
    }
  }

  private void giveUpAfter(int attempt, Table current, Snapshot next, RuntimeException e) {
    if (attempt >= tables.retry().attempts()) {
      throw new TableException(
          "Cannot update current table "
              + current.name()
              + " to history snapshot "
              + next.snapshotId()
              + ": other writers committed first in each of "
              + attempt
              + " tries; the batch's retry completes it",
          e);
    }
  }
}
