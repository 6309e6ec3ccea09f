package io.strata.core.ingest;

import io.strata.core.store.ObjectStore;
import io.strata.core.table.BatchCommitter;
import io.strata.core.table.HistoryTables;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What every batch is written and committed with, whole file or stream micro-batch: the object
 * store, the settings, the history tables, one committer over their retry policy, the commit
 * followers and the clock. Built once per service and handed to each batch's ingestion.
 */
record IngestParts(
    ObjectStore store,
    IngestSettings settings,
    HistoryTables tables,
    BatchCommitter committer,
    List<CommitFollower> followers,
    Clock clock) {

  IngestParts {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(tables, "tables");
    Objects.requireNonNull(committer, "committer");
    followers = List.copyOf(followers);
    Objects.requireNonNull(clock, "clock");
  }

  /** The parts of a service, committing with the tables' retry policy. */
  static IngestParts of(
      ObjectStore store,
      HistoryTables tables,
      IngestSettings settings,
      Clock clock,
      List<CommitFollower> followers) {
    return new IngestParts(
        store,
        settings,
        tables,
        new BatchCommitter(Objects.requireNonNull(tables, "tables").retry()),
        followers,
        clock);
  }
}
