package io.strata.core.ingest;

import io.strata.core.contract.DatasetContract;
import io.strata.core.quality.BatchProfile;
import io.strata.core.quality.QualityVerdict;
import io.strata.core.store.ObjectStore;
import io.strata.core.validate.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Puts a file that breaks its contract aside: a copy of the raw object and {@code report.json}
 * under {@code _quarantine/<dataset>/<batch-id>/}. The raw object itself is never touched. The
 * report is written last and only once; it marks the batch as processed.
 */
final class Quarantine {

  private final ObjectStore store;
  private final LakeLayout layout;
  private final Clock clock;

  Quarantine(ObjectStore store, LakeLayout layout, Clock clock) {
    this.store = store;
    this.layout = layout;
    this.clock = clock;
  }

  IngestResult unknownDataset(
      RawObjectRef raw, String batchId, String dataset, String why, Instant started) {
    String summary = "Quarantined " + raw.uri() + ": " + why + ".";
    return put(
        raw, batchId, dataset, null, "unknown_dataset", summary, 0, null, started, null, null);
  }

  /** A batch a quality rule quarantines: the report carries every verdict and the profile. */
  IngestResult quality(
      RawObjectRef raw,
      String batchId,
      DatasetContract contract,
      QualityGate gate,
      long rowsRead,
      RejectionTally tally,
      Instant started) {
    return put(
        raw,
        batchId,
        contract.name(),
        contract.version(),
        "quality",
        gate.quarantineSummary(raw),
        rowsRead,
        tally,
        started,
        gate.verdicts(),
        gate.profile());
  }

  IngestResult file(
      RawObjectRef raw,
      String batchId,
      DatasetContract contract,
      String reason,
      String summary,
      long rowsRead,
      RejectionTally tally,
      Instant started) {
    return put(
        raw,
        batchId,
        contract.name(),
        contract.version(),
        reason,
        summary,
        rowsRead,
        tally,
        started,
        null,
        null);
  }

  private IngestResult put(
      RawObjectRef raw,
      String batchId,
      String dataset,
      Integer contractVersion,
      String reason,
      String summary,
      long rowsRead,
      RejectionTally tally,
      Instant started,
      List<QualityVerdict> verdicts,
      BatchProfile profile) {
    String bucket = layout.historyBucket();
    String copyKey = layout.quarantineCopyKey(dataset, batchId, raw.key());
    store.copy(raw.bucket(), raw.key(), raw.versionId(), raw.eTag(), bucket, copyKey);
    long rejected = tally == null ? 0 : tally.rejectedRows();
    List<Violation> errors = tally == null ? List.of() : tally.kept();
    QuarantineReport report =
        new QuarantineReport(
            dataset,
            batchId,
            raw.uri(),
            raw.versionId(),
            raw.eTag(),
            contractVersion,
            reason,
            summary,
            rowsRead,
            rejected,
            tally == null ? 0 : tally.violations(),
            errors,
            "s3://" + bucket + "/" + copyKey,
            clock.instant(),
            verdicts == null ? List.of() : verdicts,
            profile);
    store.putIfAbsent(
        bucket,
        layout.quarantineReportKey(dataset, batchId),
        LakeJson.pretty(report),
        "application/json");
    return new IngestResult(
        raw.uri(),
        dataset,
        batchId,
        IngestOutcome.QUARANTINED,
        0,
        rejected,
        0,
        summary,
        Duration.between(started, clock.instant()),
        reason,
        null,
        verdicts);
  }
}
