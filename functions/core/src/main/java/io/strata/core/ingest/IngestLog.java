package io.strata.core.ingest;

import io.strata.core.quality.QualityRecord;
import io.strata.core.quality.QualityVerdict;
import io.strata.core.quality.VerdictOutcome;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one log line per ingested file. Its fields go into the MDC as well, so a JSON log formatter
 * (Quarkus {@code quarkus-logging-json}) emits them as structured fields; no row content is ever
 * logged.
 */
final class IngestLog {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private IngestLog() {}

  static void log(IngestResult r) {
    MDC.put("source", r.sourceUri());
    MDC.put("dataset", String.valueOf(r.dataset()));
    MDC.put("batchId", String.valueOf(r.batchId()));
    MDC.put("outcome", r.outcome().name());
    MDC.put("rowsAccepted", Long.toString(r.rowsAccepted()));
    MDC.put("rowsRejected", Long.toString(r.rowsRejected()));
    MDC.put("filesWritten", Integer.toString(r.filesWritten()));
    MDC.put("durationMs", Long.toString(r.duration().toMillis()));
    // Verdicts hold rule names, figures and allowed values only: never a row's content.
    MDC.put("qualityVerdicts", QualityRecord.toJson(r.verdicts()));
    List<QualityVerdict> warnings =
        r.verdicts().stream().filter(v -> v.outcome() == VerdictOutcome.WARN).toList();
    try {
      for (QualityVerdict warning : warnings) {
        LOG.warn("Quality warning on batch {}: {}", r.batchId(), warning.message());
      }
      if (r.outcome() == IngestOutcome.QUARANTINED) {
        LOG.warn("{} (batch {})", r.reason(), r.batchId());
      } else {
        LOG.info(
            "{} {}: batch {}, {} rows accepted, {} rejected, {} files in {} ms",
            r.outcome(),
            r.sourceUri(),
            r.batchId(),
            r.rowsAccepted(),
            r.rowsRejected(),
            r.filesWritten(),
            r.duration().toMillis());
      }
    } finally {
      MDC.remove("source");
      MDC.remove("dataset");
      MDC.remove("batchId");
      MDC.remove("outcome");
      MDC.remove("rowsAccepted");
      MDC.remove("rowsRejected");
      MDC.remove("filesWritten");
      MDC.remove("durationMs");
      MDC.remove("qualityVerdicts");
    }
  }
}
