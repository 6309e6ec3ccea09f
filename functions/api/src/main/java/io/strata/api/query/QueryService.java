package io.strata.api.query;

import io.strata.api.audit.AuditRecord;
import io.strata.api.datasets.DatasetDirectory;
import io.strata.api.error.ApiException;
import io.strata.api.exports.ExportService;
import io.strata.api.identity.Caller;
import io.strata.core.access.DatasetGrant;
import io.strata.core.contract.DatasetContract;
import io.strata.core.query.QueryLabel;
import io.strata.core.query.QueryPlan;
import io.strata.core.query.QueryPlanner;
import io.strata.core.query.QueryRequest;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.SqlCompiler;
import io.strata.core.query.SqlDialect;
import io.strata.core.query.VisibleSchema;
import io.strata.core.table.HistorySnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Structured queries of one dataset, and the polling of any query the caller started. */
@ApplicationScoped
public class QueryService {

  @Inject DatasetDirectory datasets;
  @Inject SqlDialect dialect;
  @Inject QueryRunner runner;
  @Inject ExportService exports;
  @Inject AuditRecord audit;
  @Inject HistorySnapshots snapshots;
  @Inject QueryPlanner planner;

  /** Plans, compiles and starts a structured query; answers with its first page if it is quick. */
  public QueryAnswer query(
      Caller caller, String dataset, QueryRequest request, String idempotencyKey) {
    audit.dataset(dataset);
    DatasetContract contract = datasets.visible(caller, dataset);
    QueryPlan plan = planner.plan(contract, caller.role(), request);
    audit.plan(plan);
    QueryLabel label =
        new QueryLabel(
            "query",
            caller.principal().arn(),
            caller.role().name(),
            dataset,
            null,
            plan.view().apiName(),
            plan.asOf() == null ? null : plan.asOf().toString(),
            contract.version(),
            null,
            plan.outputColumns(),
            masked(caller, dataset, plan.outputColumns()));
    Optional<HistorySnapshot> snapshot = snapshots.at(dataset, plan.asOf());
    if (snapshot.isEmpty()) {
      return nothingIngestedYet(caller, contract, plan, label);
    }
    // Only an answer pinned to an instant cannot change, so only it may come from reused results.
    QueryStatus status =
        runner.start(
            label,
            SqlCompiler.select(plan, dialect, snapshot.get()),
            idempotencyKey,
            plan.asOf() != null);
    return runner.answer(status, QueryLabel.of(status.sql()).orElse(label), null, null);
  }

  /** The empty answer for a dataset with nothing committed (at asOf): no query runs. */
  private static QueryAnswer nothingIngestedYet(
      Caller caller, DatasetContract contract, QueryPlan plan, QueryLabel label) {
    Map<String, String> types = new HashMap<>();
    VisibleSchema.of(contract, caller.role().grantFor(contract.name()).orElseThrow())
        .forEach(c -> types.put(c.name(), resultType(c.type())));
    List<ResultColumnView> columns =
        plan.outputColumns().stream()
            .map(c -> new ResultColumnView(c, types.get(c), label.masked().contains(c)))
            .toList();
    return new QueryAnswer(
        null,
        "SUCCEEDED",
        label.kind(),
        label.dataset(),
        null,
        label.view(),
        label.asOf(),
        columns,
        List.of(),
        null,
        0L,
        null,
        null,
        null);
  }

  /**
   * The type Athena names in a result for a column the catalog declares with this type: the catalog
   * speaks Hive DDL ({@code string}, {@code int}), results speak Trino ({@code varchar}, {@code
   * integer}).
   */
  static String resultType(String catalogType) {
    return switch (catalogType) {
      case "string" -> "varchar";
      case "int" -> "integer";
      default -> catalogType;
    };
  }

  /** The state of a query the caller started (admins: any query), with a page once it is done. */
  public QueryAnswer poll(Caller caller, String queryId, String pageToken, Integer pageSize) {
    QueryIds.checkQueryId(queryId);
    QueryIds.checkPageToken(pageToken);
    audit.queryId(queryId);
    QueryStatus status = runner.status(queryId);
    QueryLabel label =
        QueryLabel.of(status.sql())
            .orElseThrow(
                () -> ApiException.notFound("query_not_found", "No query with that id exists"));
    audit.dataset(label.dataset());
    audit.report(label.report());
    if (!label.owner().equals(caller.principal().arn()) && !caller.role().admin()) {
      throw ApiException.forbidden(
          "not_query_owner",
          "Query "
              + queryId
              + " was started by another principal; only it or an admin may read it");
    }
    if ("export".equals(label.kind())) {
      return exports.answer(status, label);
    }
    return runner.answer(status, label, pageToken, pageSize);
  }

  /** The output columns the caller's role sees masked. */
  public static List<String> masked(Caller caller, String dataset, List<String> columns) {
    DatasetGrant grant = caller.role().grantFor(dataset).orElseThrow();
    return columns.stream().filter(grant::masks).toList();
  }
}
