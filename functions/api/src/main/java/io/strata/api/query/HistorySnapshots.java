package io.strata.api.query;

import io.strata.core.current.CurrentTables;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.HistoryTables;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Which snapshot of a dataset's Iceberg table a query reads: the one current at its {@code asOf},
 * or the latest. Empty when the dataset has no table yet (a contract before its first ingest) or
 * had no snapshot then: there is nothing to read, and no query runs. The latest snapshot comes with
 * the dataset's current table when it reflects exactly that snapshot, so current-view queries,
 * reports and exports read it instead of ranking history (see {@link CurrentTables#attach}). A few
 * catalog reads per query; they are small next to the query itself.
 */
@ApplicationScoped
public class HistorySnapshots {

  @Inject HistoryTables tables;

  private CurrentTables current;

  @PostConstruct
  void currentTables() {
    current = new CurrentTables(tables);
  }

  /** The snapshot current at asOf (null: the latest), if any. */
  public Optional<HistorySnapshot> at(String dataset, Instant asOf) {
    return tables.snapshotAt(dataset, asOf).map(s -> current.attach(dataset, s));
  }
}
