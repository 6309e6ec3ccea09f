package io.strata.core.materialize;

import io.strata.core.access.RoleGrant;
import io.strata.core.contract.DatasetContract;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryLimits;
import io.strata.core.query.SqlDialect;
import io.strata.core.query.SqlStatement;
import io.strata.core.report.ReportCompiler;
import io.strata.core.report.ReportDefinition;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.HistoryTables;
import io.strata.core.table.TableException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes a report's materialized table for one role, exactly once per new history snapshot of
 * the datasets it reads. Each try reads the table afresh and does nothing when its current snapshot
 * already reflects the latest history snapshots under the role's current rules ({@link
 * RefreshTarget}); otherwise it runs the report, compiled under the role's governed views as a live
 * run would be, on the query engine, writes the rows as one Parquet file and commits an overwrite
 * of the whole table, validated against the snapshot it looked at. A concurrent refresh that
 * committed first makes that validation (or the catalog's compare-and-swap) fail; the loop then
 * looks again, finds the target reflected and commits nothing. Thread-safe.
 */
public final class ReportMaterializer {

  private static final Logger LOG = LoggerFactory.getLogger(ReportMaterializer.class);

  private final ReportTables tables;
  private final HistoryTables history;
  private final QueryEngine engine;
  private final SqlDialect dialect;
  private final QueryLimits limits;
  private final Duration queryTimeout;

  public ReportMaterializer(
      ReportTables tables,
      HistoryTables history,
      QueryEngine engine,
      SqlDialect dialect,
      QueryLimits limits,
      Duration queryTimeout) {
    this.tables = Objects.requireNonNull(tables, "tables");
    this.history = Objects.requireNonNull(history, "history");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.queryTimeout = Objects.requireNonNull(queryTimeout, "queryTimeout");
  }

  /** How a refresh ended. */
  public enum Outcome {
    /** This call committed a new snapshot of the table. */
    REFRESHED,
    /** The table already reflected the latest history (a duplicate, or a refresh that won). */
    UP_TO_DATE
  }

  /**
   * The result of one refresh.
   *
   * @param snapshot the materialized table's snapshot that reflects the target
   * @param retries tries lost to other writers
   */
  public record Refresh(Outcome outcome, Snapshot snapshot, int retries) {}

  /**
   * Brings the report's table for the role up to the latest history snapshots.
   *
   * @throws io.strata.core.query.QueryRejectedException when the role may not run the report
   * @throws TableException when other writers won every try, the result cannot be stored, or the
   *     catalog failed
   */
  public Refresh refresh(
      ReportDefinition report, RoleGrant role, Map<String, DatasetContract> contracts) {
    String name = ReportTables.tableName(report.name(), role.name());
    for (int attempt = 1; ; attempt++) {
      RefreshTarget target = target(report, role, contracts);
      Optional<Table> existing = tables.load(report.name(), role.name());
      if (existing.isPresent() && target.reflectedBy(existing.get().currentSnapshot())) {
        return new Refresh(Outcome.UP_TO_DATE, existing.get().currentSnapshot(), attempt - 1);
      }
      EngineRun.Rows rows = EngineRun.run(engine, target.statement(), queryTimeout);
      ResultSchema result;
      try {
        result = ResultSchema.of(rows.columns());
      } catch (IllegalArgumentException e) {
        throw new TableException(
            "Cannot materialize report " + report.name() + ": " + e.getMessage(), e);
      }
      Table table = tables.loadOrCreate(report.name(), role.name(), result.schema());
      String file = null;
      try {
        ResultTableSchema.align(table, result.schema());
        Snapshot looked = table.currentSnapshot();
        if (target.reflectedBy(looked)) {
          return new Refresh(Outcome.UP_TO_DATE, looked, attempt - 1);
        }
        if (!target.sources().equals(latestSources(report))) {
          continue; // history moved on while the report ran: this result is outdated already
        }
        file = table.locationProvider().newDataLocation(UUID.randomUUID() + ".parquet");
        DataFile written = ResultParquet.write(table, result, rows.rows(), file);
        OverwriteFiles overwrite =
            table
                .newOverwrite()
                .conflictDetectionFilter(Expressions.alwaysTrue())
                .validateNoConflictingData()
                .validateNoConflictingDeletes();
        if (looked != null) {
          overwrite.validateFromSnapshot(looked.snapshotId());
          currentFiles(table, looked).forEach(overwrite::deleteFile);
        }
        overwrite.addFile(written);
        target.summary(rows.queryId()).forEach(overwrite::set);
        overwrite.commit();
        table.refresh();
        Snapshot committed = table.currentSnapshot();
        LOG.info(
            "Materialized report {} for role {}: {} rows at {} in snapshot {}",
            report.name(),
            role.name(),
            rows.rows().size(),
            target.sourcesText(),
            committed.snapshotId());
        Expiry.expireOld(table);
        return new Refresh(Outcome.REFRESHED, committed, attempt - 1);
      } catch (CommitFailedException | ValidationException e) {
        discard(table, file);
        giveUpAfter(attempt, name, e);
        tables.retry().pause(attempt, "refresh of " + name);
      } catch (CommitStateUnknownException e) {
        // The next try reads the table again and finds the target if the commit landed.
        giveUpAfter(attempt, name, e);
      } catch (TableException e) {
        discard(table, file);
        throw e;
      } catch (RuntimeException e) {
        discard(table, file);
        throw new TableException(
            "Cannot materialize report "
                + report.name()
                + " for role "
                + role.name()
                + ": "
                + e.getMessage(),
            e);
      }
    }
  }

  /**
   * The report's table for the role if its current snapshot reflects the latest history of every
   * dataset the report reads under the role's current rules; empty when it is stale or missing.
   *
   * @throws io.strata.core.query.QueryRejectedException when the role may not run the report
   */
  public Optional<MaterializedSnapshot> current(
      ReportDefinition report, RoleGrant role, Map<String, DatasetContract> contracts) {
    RefreshTarget target = target(report, role, contracts);
    Optional<Table> table = tables.load(report.name(), role.name());
    if (table.isEmpty() || !target.reflectedBy(table.get().currentSnapshot())) {
      return Optional.empty();
    }
    Snapshot snapshot = table.get().currentSnapshot();
    var schema = table.get().schemas().get(snapshot.schemaId());
    var columns =
        (schema == null ? table.get().schema() : schema)
            .columns().stream()
                .map(c -> c.name())
                .filter(c -> !c.equals(ResultSchema.ROW))
                .toList();
    return Optional.of(
        new MaterializedSnapshot(
            tables.namespace(),
            ReportTables.tableName(report.name(), role.name()),
            new HistorySnapshot(table.get(), snapshot, null),
            target.sources(),
            java.time.Instant.ofEpochMilli(snapshot.timestampMillis()),
            columns));
  }

  private RefreshTarget target(
      ReportDefinition report, RoleGrant role, Map<String, DatasetContract> contracts) {
    Map<String, HistorySnapshot> latest = new LinkedHashMap<>();
    Map<String, Long> sources = new LinkedHashMap<>();
    for (String dataset : report.datasets()) {
      HistorySnapshot snapshot = history.snapshotAt(dataset, null).orElse(null);
      latest.put(dataset, snapshot);
      sources.put(dataset, snapshot == null ? null : snapshot.snapshot().snapshotId());
    }
    SqlStatement statement =
        ReportCompiler.compile(
            report,
            Map.of(),
            contracts,
            role,
            dialect,
            dataset -> Optional.ofNullable(latest.get(dataset)),
            limits);
    return RefreshTarget.of(sources, statement);
  }

  private Map<String, Long> latestSources(ReportDefinition report) {
    Map<String, Long> sources = new java.util.TreeMap<>();
    for (String dataset : report.datasets()) {
      sources.put(
          dataset,
          history.snapshotAt(dataset, null).map(s -> s.snapshot().snapshotId()).orElse(null));
    }
    return sources;
  }

  private static Iterable<DataFile> currentFiles(Table table, Snapshot snapshot) {
    java.util.List<DataFile> files = new java.util.ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
      tasks.forEach(task -> files.add(task.file()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return files;
  }

  /** Removes a file this try wrote but did not commit; another try writes its own. */
  private static void discard(Table table, String file) {
    if (file == null) {
      return;
    }
    try {
      table.io().deleteFile(file);
    } catch (RuntimeException e) {
      LOG.warn("Cannot delete uncommitted result file {}: {}", file, e.getMessage());
    }
  }

  private void giveUpAfter(int attempt, String table, RuntimeException e) {
    if (attempt >= tables.retry().attempts()) {
      throw new TableException(
          "Cannot refresh materialized table "
              + table
              + ": other writers changed it during each of "
              + attempt
              + " tries",
          e);
    }
  }
}
