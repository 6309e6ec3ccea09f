package io.strata.core.materialize;

import io.strata.core.access.RoleGrant;
import io.strata.core.contract.DatasetContract;
import io.strata.core.report.ReportDefinition;
import java.util.List;
import java.util.Map;

/**
 * One consistent read of the rules a refresh follows: the reports, the contracts they read and the
 * roles whose governed views each result is computed under.
 */
public record ReportRules(
    Map<String, ReportDefinition> reports,
    Map<String, DatasetContract> contracts,
    List<RoleGrant> roles) {

  public ReportRules {
    reports = Map.copyOf(reports);
    contracts = Map.copyOf(contracts);
    roles = List.copyOf(roles);
  }

  /** The roles a report is materialized for: those that may run it and see all it reads. */
  public List<RoleGrant> rolesOf(ReportDefinition report) {
    return roles.stream()
        .filter(r -> r.canRunReport(report.name()))
        .filter(r -> report.datasets().stream().allMatch(r::canSee))
        .toList();
  }
}
