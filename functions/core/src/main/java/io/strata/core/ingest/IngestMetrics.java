package io.strata.core.ingest;

import io.strata.core.metrics.MetricUnit;
import io.strata.core.metrics.MetricsDocument;
import io.strata.core.metrics.MetricsLog;
import io.strata.core.quality.QualityVerdict;
import io.strata.core.quality.VerdictOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics of one ingested object, beside its {@link IngestLog} line: rows accepted and
 * rejected, batches, quarantines by reason, commit latency and retries, and the verdicts of the
 * contract's quality rules by outcome ({@code AnomalyVerdicts}). Every metric is published per lake
 * and per lake and dataset, so an alarm can watch the whole lake and a dashboard a dataset.
 * Dimensions hold only the lake, the dataset (when its contract exists) and reason codes.
 */
final class IngestMetrics {

  static final String LAKE = "Lake";
  static final String DATASET = "Dataset";
  static final String REASON = "Reason";
  static final String OUTCOME = "Outcome";

  private IngestMetrics() {}

  /** The documents of one result; none for ignored keys and duplicates. */
  static List<MetricsDocument> of(IngestResult result, String lake, Instant at) {
    List<MetricsDocument> documents = new ArrayList<>();
    switch (result.outcome()) {
      case COMMITTED -> {
        MetricsDocument.Builder batch =
            perDataset(lake, result.dataset(), at)
                .count("Batches", 1)
                .count("BatchesCommitted", 1)
                .count("RowsAccepted", result.rowsAccepted())
                .count("RowsRejected", result.rowsRejected())
                .metric("IngestDuration", MetricUnit.MILLISECONDS, result.duration().toMillis());
        if (result.commit() != null) {
          batch
              .metric("CommitLatency", MetricUnit.MILLISECONDS, result.commit().took().toMillis())
              .count("CommitRetries", result.commit().retries());
        }
        documents.add(batch.build());
      }
      case QUARANTINED -> {
        String reason = result.reasonCode() == null ? "unknown" : result.reasonCode();
        boolean known = !"unknown_dataset".equals(reason) && result.dataset() != null;
        // A key under an unknown dataset folder names no contract: its folder is kept out of the
        // dimensions, so a stray upload cannot create metrics.
        MetricsDocument.Builder quarantine =
            MetricsDocument.builder(MetricsLog.NAMESPACE, at)
                .dimension(LAKE, lake)
                .dimension(REASON, reason)
                .dimensionSet(LAKE)
                .dimensionSet(LAKE, REASON);
        if (known) {
          quarantine
              .dimension(DATASET, result.dataset())
              .dimensionSet(LAKE, DATASET)
              .dimensionSet(LAKE, DATASET, REASON);
        }
        documents.add(
            quarantine
                .count("Batches", 1)
                .count("Quarantines", 1)
                .count("RowsRejected", result.rowsRejected())
                .metric("IngestDuration", MetricUnit.MILLISECONDS, result.duration().toMillis())
                .build());
      }
      case ALREADY_PROCESSED, IGNORED, FANNED_OUT -> {
        // A duplicate or retried event adds nothing new; counting it would inflate the rates.
      }
    }
    if (result.outcome() == IngestOutcome.COMMITTED
        || result.outcome() == IngestOutcome.QUARANTINED) {
      documents.addAll(verdicts(result, lake, at));
    }
    return documents;
  }

  /** One document per verdict outcome the batch got, counting its rules with that outcome. */
  private static List<MetricsDocument> verdicts(IngestResult result, String lake, Instant at) {
    Map<VerdictOutcome, Integer> counts = new EnumMap<>(VerdictOutcome.class);
    for (QualityVerdict verdict : result.verdicts()) {
      counts.merge(verdict.outcome(), 1, Integer::sum);
    }
    List<MetricsDocument> documents = new ArrayList<>();
    counts.forEach(
        (outcome, count) ->
            documents.add(
                MetricsDocument.builder(MetricsLog.NAMESPACE, at)
                    .dimension(LAKE, lake)
                    .dimension(DATASET, result.dataset())
                    .dimension(OUTCOME, outcome.name().toLowerCase(Locale.ROOT))
                    .dimensionSet(LAKE, OUTCOME)
                    .dimensionSet(LAKE, DATASET, OUTCOME)
                    .count("AnomalyVerdicts", count)
                    .build()));
    return documents;
  }

  /** The document of an ingest that failed on its table (commit or catalog); the event retries. */
  static MetricsDocument commitFailure(String lake, String dataset, Instant at) {
    MetricsDocument.Builder builder =
        dataset == null
            ? MetricsDocument.builder(MetricsLog.NAMESPACE, at)
                .dimension(LAKE, lake)
                .dimensionSet(LAKE)
            : perDataset(lake, dataset, at);
    return builder.count("CommitFailures", 1).build();
  }

  private static MetricsDocument.Builder perDataset(String lake, String dataset, Instant at) {
    return MetricsDocument.builder(MetricsLog.NAMESPACE, at)
        .dimension(LAKE, lake)
        .dimension(DATASET, dataset)
        .dimensionSet(LAKE)
        .dimensionSet(LAKE, DATASET);
  }
}
