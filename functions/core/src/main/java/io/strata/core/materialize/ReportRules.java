package io.strata.core.materialize;

import io.strata.core.access.AccessPolicy;
import io.strata.core.access.RoleGrant;
import io.strata.core.contract.ContractException;
import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DatasetContract;
import io.strata.core.report.ReportDefinition;
import io.strata.core.report.ReportFolder;
import io.strata.core.rules.RuleFiles;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consistent read of the rules a refresh follows: the reports, the contracts they read and the
 * roles whose governed views each result is computed under.
 */
public record ReportRules(
    Map<String, ReportDefinition> reports,
    Map<String, DatasetContract> contracts,
    List<RoleGrant> roles) {

  private static final Logger LOG = LoggerFactory.getLogger(ReportRules.class);

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

  /**
   * Reads the rules from the lake's rule files, as a function that refreshes outside the query API
   * does: every contract that loads, the access policy, and every report that loads and reads only
   * datasets whose contracts load. A broken contract or report is set aside with a warning naming
   * it and why, so it never stops the refresh of the others.
   *
   * @throws io.strata.core.access.AccessPolicyException when {@code access.yaml} is missing or
   *     broken: without it no role's governed view is known, so nothing can be refreshed
   */
  public static ReportRules read(ContractRepository contracts, RuleFiles files) {
    Map<String, DatasetContract> valid = new TreeMap<>();
    Set<String> names = new TreeSet<>(contracts.names());
    for (String name : names) {
      try {
        contracts.find(name).ifPresent(contract -> valid.put(name, contract));
      } catch (ContractException e) {
        LOG.warn(
            "Contract of dataset {} is broken; its reports are not refreshed: {}",
            name,
            e.getMessage());
      }
    }
    AccessPolicy policy = files.readPolicy(contracts);
    ReportFolder.Reports read = files.readReports(names);
    read.broken()
        .forEach(
            (file, e) ->
                LOG.warn("Report {} is broken and not refreshed: {}", file, e.getMessage()));
    Map<String, ReportDefinition> reports = new TreeMap<>();
    read.reports()
        .forEach(
            (name, report) -> {
              if (valid.keySet().containsAll(report.datasets())) {
                reports.put(name, report);
              }
            });
    return new ReportRules(reports, valid, List.copyOf(policy.roles().values()));
  }
}
