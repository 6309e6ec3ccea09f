package io.strata.ingest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.strata.core.history.WrittenFile;
import io.strata.core.ingest.BatchManifest;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.QuarantineReport;
import io.strata.core.quality.BatchProfile;
import io.strata.core.quality.ColumnStats;
import io.strata.core.quality.QualityVerdict;
import io.strata.core.quality.ValueCount;
import io.strata.core.validate.Violation;

/**
 * Registers for reflection what Jackson serialises in a native image: the manifests, reports,
 * rejects and batch profiles the core writes, and the handler's result.
 */
@RegisterForReflection(
    targets = {
      BatchManifest.class,
      QuarantineReport.class,
      Violation.class,
      WrittenFile.class,
      IngestResult.class,
      BatchProfile.class,
      ColumnStats.class,
      ValueCount.class,
      QualityVerdict.class
    })
final class NativeReflection {

  private NativeReflection() {}
}
