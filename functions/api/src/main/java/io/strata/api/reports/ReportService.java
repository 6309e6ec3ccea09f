package io.strata.api.reports;

import io.strata.api.audit.AuditRecord;
import io.strata.api.error.ApiException;
import io.strata.api.error.Printable;
import io.strata.api.identity.Caller;
import io.strata.api.query.HistorySnapshots;
import io.strata.api.query.QueryAnswer;
import io.strata.api.query.QueryRunner;
import io.strata.api.setup.LakeRules;
import io.strata.core.query.QueryLabel;
import io.strata.core.query.QueryLimits;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.SqlDialect;
import io.strata.core.query.SqlStatement;
import io.strata.core.report.ReportCompiler;
import io.strata.core.report.ReportDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** Named reports: which ones a caller may run, and running one with typed parameters. */
@ApplicationScoped
public class ReportService {

  @Inject LakeRules rules;
  @Inject SqlDialect dialect;
  @Inject QueryRunner runner;
  @Inject AuditRecord audit;
  @Inject QueryLimits limits;
  @Inject HistorySnapshots snapshots;
  @Inject MaterializedReports materialized;

  /** The reports the caller's role may run, by name. */
  public List<ReportSummary> list(Caller caller) {
    return rules.current().reports().values().stream()
        .filter(r -> caller.role().canRunReport(r.name()))
        .map(ReportSummary::of)
        .toList();
  }

  /**
   * Runs a report; answers with its first page if it is quick. A materialized report reads the
   * caller's role's table when it is current, and runs live otherwise; the answer says which.
   */
  public QueryAnswer run(
      Caller caller, String name, Map<String, Object> arguments, String idempotencyKey) {
    LakeRules.Snapshot current = rules.current();
    ReportDefinition report = current.report(name);
    if (report == null) {
      throw ApiException.notFound(
          "report_not_found", "No report '" + Printable.of(name, 100) + "' exists");
    }
    audit.report(name);
    if (!caller.role().canRunReport(name)) {
      throw ApiException.forbidden(
          "forbidden",
          "Role "
              + caller.role().name()
              + " may not run report "
              + name
              + ": access.yaml does not list it among the role's reports");
    }
    if (arguments.size() > limits.maxReportParameters()) {
      throw ApiException.badRequest(
          "too_many_parameters",
          "parameters: at most "
              + limits.maxReportParameters()
              + " parameters are allowed, got "
              + arguments.size());
    }
    MaterializedReports.Serving serving =
        report.materialized() && arguments.isEmpty()
            ? materialized.serving(report, caller.role(), current.contracts())
            : new MaterializedReports.Serving(null, null);
    SqlStatement statement =
        serving.statement() != null
            ? serving.statement()
            : ReportCompiler.compile(
                report,
                arguments,
                current.contracts(),
                caller.role(),
                dialect,
                dataset -> snapshots.at(dataset, null),
                limits);
    // Only names the compiler accepted as the report's parameters reach the audit line.
    arguments.keySet().forEach(k -> audit.filter(k, "="));
    QueryLabel label =
        new QueryLabel(
            "report",
            caller.principal().arn(),
            caller.role().name(),
            null,
            name,
            null,
            null,
            null,
            null,
            null,
            null);
    QueryStatus status = runner.start(label, statement, idempotencyKey, false);
    QueryAnswer answer =
        runner.answer(status, QueryLabel.of(status.sql()).orElse(label), null, null);
    return serving.materialization() == null ? answer : answer.with(serving.materialization());
  }
}
