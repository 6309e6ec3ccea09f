package io.strata.api.quality;

import io.strata.api.datasets.DatasetDirectory;
import io.strata.api.error.ApiException;
import io.strata.api.identity.Caller;
import io.strata.core.table.BatchSnapshot;
import io.strata.core.table.HistoryTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * The quality of a dataset's last committed batches, read from its table's snapshot summaries
 * (profile and verdicts commit with each batch), under the caller's column rules.
 */
@ApplicationScoped
public class QualityService {

  static final int DEFAULT_BATCHES = 30;
  static final int MAX_BATCHES = 500;

  @Inject DatasetDirectory directory;
  @Inject HistoryTables tables;

  /**
   * The last {@code batches} batches (text of the query parameter; null for the default), oldest
   * first.
   */
  public DatasetQuality of(Caller caller, String dataset, String batches) {
    directory.visible(caller, dataset);
    int limit = limit(dataset, batches);
    QualityView view = new QualityView(caller.role().grantFor(dataset).orElseThrow());
    Optional<Table> table = tables.load(dataset);
    List<BatchQuality> result = new ArrayList<>();
    if (table.isPresent()) {
      List<Snapshot> newestFirst =
          StreamSupport.stream(table.get().snapshots().spliterator(), false)
              .sorted(
                  Comparator.comparingLong(Snapshot::timestampMillis)
                      .thenComparingLong(Snapshot::sequenceNumber)
                      .reversed())
              .toList();
      for (Snapshot snapshot : newestFirst) {
        if (result.size() == limit) {
          break;
        }
        Optional<BatchSnapshot> batch = BatchSnapshot.of(snapshot);
        batch.ifPresent(b -> result.add(view.of(snapshot.snapshotId(), b, snapshot.summary())));
      }
    }
    Collections.reverse(result);
    return new DatasetQuality(dataset, result);
  }

  private static int limit(String dataset, String batches) {
    if (batches == null) {
      return DEFAULT_BATCHES;
    }
    try {
      int limit = Integer.parseInt(batches.trim());
      if (limit >= 1 && limit <= MAX_BATCHES) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below, as for a number out of range
    }
    throw ApiException.badRequest(
        "invalid_parameter",
        "Cannot read the quality of dataset "
            + dataset
            + ": batches must be a whole number from 1 to "
            + MAX_BATCHES);
  }
}
