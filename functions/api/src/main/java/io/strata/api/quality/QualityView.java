package io.strata.api.quality;

import io.strata.core.access.DatasetGrant;
import io.strata.core.quality.BatchProfile;
import io.strata.core.quality.ColumnStats;
import io.strata.core.quality.QualityRecord;
import io.strata.core.quality.QualityVerdict;
import io.strata.core.table.BatchSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch's stored profile and verdicts cut to what one role may see, by the column rules of its
 * queries: no entry for a hidden column, no values of a masked one, and nothing that describes
 * every row for a role that sees only some rows.
 */
final class QualityView {

  private final DatasetGrant grant;

  QualityView(DatasetGrant grant) {
    this.grant = grant;
  }

  /** The batch a snapshot committed, from its summary, as the role may see it. */
  BatchQuality of(long snapshotId, BatchSnapshot batch, Map<String, String> summary) {
    List<VerdictView> verdicts = new ArrayList<>();
    for (QualityVerdict verdict : QualityRecord.verdicts(summary)) {
      String column = verdict.column();
      if (column != null && !grant.shows(column)) {
        continue;
      }
      VerdictView view = VerdictView.of(verdict);
      boolean hidesDetails =
          grant.filtersRows() || (column != null && grant.masks(column) && verdict.showsValues());
      verdicts.add(hidesDetails ? view.withoutDetails() : view);
    }
    if (grant.filtersRows()) {
      return new BatchQuality(
          batch.batchId(),
          batch.committedAt(),
          snapshotId,
          "committed",
          null,
          null,
          Map.of(),
          verdicts);
    }
    BatchProfile profile = BatchProfile.fromSummary(summary).orElse(null);
    Map<String, ColumnQuality> columns = new LinkedHashMap<>();
    long rows = profile == null ? batch.rowsAccepted() : profile.rows();
    if (profile != null) {
      profile
          .columns()
          .forEach(
              (name, stats) -> {
                if (grant.shows(name)) {
                  ColumnStats shown = grant.masks(name) ? stats.withoutValues() : stats;
                  columns.put(name, ColumnQuality.of(shown, rows));
                }
              });
    }
    return new BatchQuality(
        batch.batchId(),
        batch.committedAt(),
        snapshotId,
        "committed",
        rows,
        batch.rowsRejected(),
        columns,
        verdicts);
  }
}
