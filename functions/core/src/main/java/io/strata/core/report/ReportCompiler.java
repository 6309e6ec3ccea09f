package io.strata.core.report;

import io.strata.core.access.RoleGrant;
import io.strata.core.contract.DatasetContract;
import io.strata.core.query.Problem;
import io.strata.core.query.QueryLimits;
import io.strata.core.query.QueryPlanner;
import io.strata.core.query.QueryRejectedException;
import io.strata.core.query.SqlCompiler;
import io.strata.core.query.SqlDialect;
import io.strata.core.query.SqlStatement;
import io.strata.core.query.SqlText;
import io.strata.core.query.TypedValues;
import io.strata.core.table.HistorySnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compiles a named report for one role: each {@code {{dataset}}} becomes the role's governed view
 * of the dataset (current rows of its latest snapshot, hidden columns absent, masked columns
 * masked, row filter applied), each {@code :name} a bound parameter, and the rows are capped at the
 * maximum query limit.
 */
public final class ReportCompiler {

  private ReportCompiler() {}

  /**
   * args: raw JSON values by parameter name; validated like query filter values. snapshots: the
   * latest snapshot of each dataset the report reads, empty for a dataset with nothing committed.
   */
  public static SqlStatement compile(
      ReportDefinition report,
      Map<String, Object> args,
      Map<String, DatasetContract> contracts,
      RoleGrant role,
      SqlDialect dialect,
      Function<String, Optional<HistorySnapshot>> snapshots,
      QueryLimits limits) {
    if (!role.canRunReport(report.name())) {
      throw new QueryRejectedException(
          Problem.FORBIDDEN,
          "Role "
              + role.name()
              + " may not run report "
              + report.name()
              + ": access.yaml does not list it in the role's reports");
    }
    for (String dataset : report.datasets()) {
      if (!role.canSee(dataset)) {
        throw new QueryRejectedException(
            Problem.FORBIDDEN,
            "Role "
                + role.name()
                + " may not run report "
                + report.name()
                + ": it reads dataset "
                + dataset
                + ", which access.yaml grants the role no access to");
      }
    }
    Map<String, Object> values = arguments(report, args == null ? Map.of() : args);
    SqlText sql = new SqlText();
    for (ReportSql.Part part : ReportSql.parse(report.sql(), contracts.keySet())) {
      if (part instanceof ReportSql.Text text) {
        sql.text(text.sql());
      } else if (part instanceof ReportSql.DatasetRef ref) {
        DatasetContract contract = contracts.get(ref.dataset());
        HistorySnapshot snapshot = snapshots.apply(ref.dataset()).orElse(null);
        sql.text("(")
            .fragment(
                SqlCompiler.relation(QueryPlanner.governedView(contract, role), dialect, snapshot))
            .text(")");
      } else if (part instanceof ReportSql.Parameter parameter) {
        sql.parameter(values.get(parameter.name()));
      }
    }
    return sql.text("\nLIMIT " + limits.maxLimit()).build();
  }

  private static Map<String, Object> arguments(ReportDefinition report, Map<String, Object> args) {
    for (String name : args.keySet()) {
      if (report.parameters().stream().noneMatch(p -> p.name().equals(name))) {
        throw new QueryRejectedException(
            Problem.BAD_REQUEST,
            "args."
                + TypedValues.shown(name).replace("\"", "")
                + ": report "
                + report.name()
                + " has no such parameter (it has: "
                + report.parameters().stream()
                    .map(ReportParameter::name)
                    .collect(Collectors.joining(", "))
                + ")");
      }
    }
    Map<String, Object> values = new HashMap<>();
    for (ReportParameter parameter : report.parameters()) {
      Object raw = args.get(parameter.name());
      String field = "args." + parameter.name();
      if (raw == null) {
        if (parameter.required()) {
          throw new QueryRejectedException(
              Problem.BAD_REQUEST,
              field + ": report " + report.name() + " requires parameter " + parameter.name());
        }
        values.put(parameter.name(), parameter.defaultValue());
      } else {
        values.put(
            parameter.name(),
            TypedValues.typed(raw, parameter.type(), field, "parameter " + parameter.name()));
      }
    }
    return values;
  }
}
