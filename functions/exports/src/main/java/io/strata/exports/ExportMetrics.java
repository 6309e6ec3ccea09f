package io.strata.exports;

import io.strata.core.metrics.MetricsDocument;
import io.strata.core.metrics.MetricsLog;
import java.time.Instant;

/**
 * The metric of an export the finisher settled: one per export query that ended, finished (its
 * manifest written) or failed, per lake. Ignored events publish nothing.
 */
final class ExportMetrics {

  private ExportMetrics() {}

  static MetricsDocument of(String lake, ExportOutcome outcome, Instant at) {
    return MetricsDocument.builder(MetricsLog.NAMESPACE, at)
        .dimension("Lake", lake)
        .dimensionSet("Lake")
        .count("ExportsFinished", outcome.action() == ExportOutcome.Action.FINISHED ? 1 : 0)
        .count("ExportsFailed", outcome.action() == ExportOutcome.Action.FINISHED ? 0 : 1)
        .build();
  }
}
