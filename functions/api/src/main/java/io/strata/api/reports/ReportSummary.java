package io.strata.api.reports;

import io.strata.core.report.ReportDefinition;
import io.strata.core.report.ReportParameter;
import java.util.List;

/** A named report the caller may run, with the parameters it takes. */
public record ReportSummary(
    String name, String description, List<String> datasets, List<Parameter> parameters) {

  /** One typed parameter. */
  public record Parameter(String name, String type, boolean required, Object defaultValue) {}

  static ReportSummary of(ReportDefinition report) {
    return new ReportSummary(
        report.name(),
        report.description(),
        report.datasets(),
        report.parameters().stream().map(ReportSummary::parameter).toList());
  }

  private static Parameter parameter(ReportParameter p) {
    return new Parameter(p.name(), p.type().toString(), p.required(), p.defaultValue());
  }
}
