package io.strata.core.ingest;

import io.strata.core.contract.DatasetContract;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Work that follows every committed batch of a dataset, such as a table derived from its history.
 * It runs after the history snapshot commits and before the batch manifest is written, so a failure
 * leaves the batch without a manifest and the retry (which finds the snapshot and does not append
 * again) runs it once more. A follower must therefore be idempotent: it brings what it maintains up
 * to the given history snapshot, catching up on any snapshot an earlier failure left behind, and
 * does nothing when it is there already.
 */
@FunctionalInterface
public interface CommitFollower {

  /**
   * Brings what this follower maintains up to {@code committed}.
   *
   * @param contract the dataset's contract
   * @param history the dataset's history table, refreshed at or after {@code committed}
   * @param committed the history snapshot that holds the batch just committed or found committed
   * @throws RuntimeException when it cannot; the batch then stays without a manifest and the event
   *     is retried
   */
  void follow(DatasetContract contract, Table history, Snapshot committed);
}
