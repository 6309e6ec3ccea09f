package io.strata.api.setup;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.strata.api.datasets.BatchSummary;
import io.strata.api.datasets.DatasetDetail;
import io.strata.api.datasets.DatasetSummary;
import io.strata.api.error.ErrorBody;
import io.strata.api.quality.BatchQuality;
import io.strata.api.quality.ColumnQuality;
import io.strata.api.quality.DatasetQuality;
import io.strata.api.quality.VerdictView;
import io.strata.api.query.Materialization;
import io.strata.api.query.QueryAnswer;
import io.strata.api.query.ResultColumnView;
import io.strata.api.reports.ReportSummary;
import io.strata.api.reports.RunReport;
import io.strata.core.export.ExportManifest;
import io.strata.core.history.WrittenFile;
import io.strata.core.ingest.BatchManifest;
import io.strata.core.quality.BatchProfile;
import io.strata.core.quality.ColumnStats;
import io.strata.core.quality.QualityVerdict;
import io.strata.core.quality.ValueCount;
import io.strata.core.query.FilterRequest;
import io.strata.core.query.QueryLabel;
import io.strata.core.query.QueryRequest;
import io.strata.core.query.SortRequest;
import io.strata.core.query.VisibleColumn;

/**
 * Types Jackson reads or writes by reflection in a native image: request and answer bodies with
 * their nested records, the query label and the manifests the API reads.
 */
@RegisterForReflection(
    targets = {
      QueryRequest.class,
      FilterRequest.class,
      SortRequest.class,
      RunReport.class,
      QueryAnswer.class,
      Materialization.class,
      ResultColumnView.class,
      ExportManifest.class,
      QueryLabel.class,
      DatasetSummary.class,
      DatasetDetail.class,
      BatchSummary.class,
      VisibleColumn.class,
      ReportSummary.class,
      ReportSummary.Parameter.class,
      ErrorBody.class,
      ErrorBody.Error.class,
      BatchManifest.class,
      WrittenFile.class,
      DatasetQuality.class,
      BatchQuality.class,
      ColumnQuality.class,
      VerdictView.class,
      BatchProfile.class,
      ColumnStats.class,
      ValueCount.class,
      QualityVerdict.class
    })
final class NativeReflection {

  private NativeReflection() {}
}
