package io.strata.api.query;

import io.strata.core.metrics.MetricUnit;
import io.strata.core.metrics.MetricsDocument;
import io.strata.core.metrics.MetricsLog;
import io.strata.core.query.QueryLabel;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * The metrics of a query that ended within the API's wait: its latency as the caller saw it and the
 * bytes the engine scanned, per lake and kind ({@code query}, {@code report}, {@code export}) and
 * per lake and dataset. A query still running when the wait ends is counted by the engine's own
 * metrics (Athena's ProcessedBytes per workgroup): polls are not counted again, since each poll
 * would repeat the same figures.
 */
final class QueryMetrics {

  private QueryMetrics() {}

  /** The document of a finished query; the label's dataset came from a planned, granted query. */
  static MetricsDocument of(
      String lake, QueryLabel label, QueryStatus status, Duration took, Instant at) {
    MetricsDocument.Builder builder =
        MetricsDocument.builder(MetricsLog.NAMESPACE, at)
            .dimension("Lake", lake)
            .dimension("Kind", label.kind())
            .dimensionSet("Lake")
            .dimensionSet("Lake", "Kind");
    if (label.dataset() != null) {
      builder.dimension("Dataset", label.dataset()).dimensionSet("Lake", "Dataset");
    }
    return builder
        .count("Queries", 1)
        .count("QueriesFailed", status.state() == QueryState.SUCCEEDED ? 0 : 1)
        .metric("QueryLatency", MetricUnit.MILLISECONDS, took.toMillis())
        .metric("BytesScanned", MetricUnit.BYTES, status.bytesScanned())
        .build();
  }
}
