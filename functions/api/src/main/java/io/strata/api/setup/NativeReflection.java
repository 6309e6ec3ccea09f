package io.strata.api.setup;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.strata.api.datasets.BatchSummary;
import io.strata.api.datasets.DatasetDetail;
import io.strata.api.datasets.DatasetSummary;
import io.strata.api.error.ErrorBody;
import io.strata.api.query.Materialization;
import io.strata.api.query.QueryAnswer;
import io.strata.api.query.ResultColumnView;
import io.strata.api.reports.ReportSummary;
import io.strata.api.reports.RunReport;
import io.strata.core.export.ExportManifest;
import io.strata.core.history.WrittenFile;
import io.strata.core.ingest.BatchManifest;
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
      WrittenFile.class
    })
final class NativeReflection {

  private NativeReflection() {}
}
