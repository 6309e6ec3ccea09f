package io.strata.maintenance;

import io.strata.core.maintenance.LakeMaintenance.TableReport;
import java.util.List;

/**
 * What one maintenance pass did to the lake, returned to Lambda.
 *
 * @param tables the tables the pass looked at
 * @param tablesCompacted the tables that got a compaction (replace) snapshot
 * @param dataFilesBefore the data files of the tables' snapshots compaction planned
 * @param dataFilesAfter the data files those rows are in after compaction
 * @param snapshotsExpired the snapshots removed for being outside their table's retention
 * @param failures the tables whose maintenance stopped
 */
public record MaintenanceOutcome(
    int tables,
    int tablesCompacted,
    long dataFilesBefore,
    long dataFilesAfter,
    long snapshotsExpired,
    int failures) {

  /** Sums the reports of a pass. */
  static MaintenanceOutcome of(List<TableReport> reports) {
    int compacted = 0;
    long before = 0;
    long after = 0;
    long expired = 0;
    int failures = 0;
    for (TableReport report : reports) {
      if (report.compaction() != null) {
        compacted += report.compaction().compacted() ? 1 : 0;
        before += report.compaction().filesBefore();
        after += report.compaction().filesAfter();
      }
      expired += report.expiry() == null ? 0 : report.expiry().expired();
      failures += report.failure() == null ? 0 : 1;
    }
    return new MaintenanceOutcome(reports.size(), compacted, before, after, expired, failures);
  }
}
