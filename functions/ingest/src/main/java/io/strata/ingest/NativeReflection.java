package io.strata.ingest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.strata.core.history.WrittenFile;
import io.strata.core.ingest.BatchManifest;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.QuarantineReport;
import io.strata.core.ingest.split.ByteRange;
import io.strata.core.ingest.split.RangeResult;
import io.strata.core.ingest.split.SplitPlan;
import io.strata.core.quality.BatchProfile;
import io.strata.core.quality.ColumnStats;
import io.strata.core.quality.QualityVerdict;
import io.strata.core.quality.ValueCount;
import io.strata.core.validate.Violation;
import org.apache.parquet.ParquetReadOptions;

/**
 * Registers for reflection what Jackson serialises in a native image: the manifests, reports,
 * rejects and batch profiles the core writes, the plan and range results of a large file's steps,
 * and the handler's result; and parquet-java's read options, whose constructor the current-table
 * follower calls reflectively to read Parquet without Hadoop.
 */
@RegisterForReflection(
    targets = {
      BatchManifest.class,
      QuarantineReport.class,
      Violation.class,
      WrittenFile.class,
      IngestResult.class,
      ParquetReadOptions.class,
      SplitPlan.class,
      ByteRange.class,
      RangeResult.class,
      BatchProfile.class,
      ColumnStats.class,
      ValueCount.class,
      QualityVerdict.class
    })
final class NativeReflection {

  private NativeReflection() {}
}
