package io.strata.core.materialize;

import java.time.Duration;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires a materialized table's snapshots that no reader needs: every refresh replaces all rows,
 * so only the latest result is served; older snapshots stay an hour (a query started on one still
 * reads it) and the last three stay whatever their age. Their data files are deleted with them.
 */
final class Expiry {

  private static final Logger LOG = LoggerFactory.getLogger(Expiry.class);
  static final Duration KEPT = Duration.ofHours(1);
  static final int LAST_KEPT = 3;

  private Expiry() {}

  /** Expires what is old enough; a failure only leaves the snapshots for the next refresh. */
  static void expireOld(Table table) {
    try {
      table
          .expireSnapshots()
          .expireOlderThan(System.currentTimeMillis() - KEPT.toMillis())
          .retainLast(LAST_KEPT)
          .commit();
    } catch (RuntimeException e) {
      LOG.warn("Cannot expire old snapshots of {}: {}", table.name(), e.getMessage());
    }
  }
}
