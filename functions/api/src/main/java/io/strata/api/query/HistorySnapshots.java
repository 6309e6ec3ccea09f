package io.strata.api.query;

import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.HistoryTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Which snapshot of a dataset's Iceberg table a query reads: the one current at its {@code asOf},
 * or the latest. Empty when the dataset has no table yet (a contract before its first ingest) or
 * had no snapshot then: there is nothing to read, and no query runs. One catalog read per query; it
 * is small next to the query itself.
 */
@ApplicationScoped
public class HistorySnapshots {

  @Inject HistoryTables tables;

  /** The snapshot current at asOf (null: the latest), if any. */
  public Optional<HistorySnapshot> at(String dataset, Instant asOf) {
    return tables.snapshotAt(dataset, asOf);
  }
}
