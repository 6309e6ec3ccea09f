package io.strata.api.setup;

import io.strata.api.identity.RoleResolver;
import io.strata.core.access.AccessPolicy;
import io.strata.core.access.AccessPolicyException;
import io.strata.core.contract.ContractException;
import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DatasetContract;
import io.strata.core.report.ReportDefinition;
import io.strata.core.report.ReportFolder;
import io.strata.core.rules.RuleFiles;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One read of every rule file into a {@link LakeRules.Snapshot}, each file on its own: a broken
 * contract or report is set aside with its reason, a broken {@code access.yaml} leaves the policy
 * of the previous read in force (or, with none, an empty policy that denies everything).
 */
final class RulesReader {

  private final ContractRepository contracts;
  private final RuleFiles files;
  private final String generatedRoles;

  RulesReader(ContractRepository contracts, RuleFiles files, String generatedRoles) {
    this.contracts = contracts;
    this.files = files;
    this.generatedRoles = generatedRoles;
  }

  LakeRules.Snapshot read(RuleRevisions revisions, LakeRules.Snapshot previous, Instant now) {
    Map<String, DatasetContract> valid = new TreeMap<>();
    Map<String, String> broken = new TreeMap<>();
    for (String name : revisions.contracts().keySet()) {
      try {
        contracts.find(name).ifPresent(c -> valid.put(name, c));
      } catch (ContractException e) {
        broken.put(name, e.getMessage());
      }
    }
    AccessPolicy policy;
    RoleResolver roles;
    LakeRules.PolicyState access;
    try {
      // Checked against this read's contracts, not a newer state of the repository.
      policy = files.readPolicy(new ReadContracts(valid, broken));
      roles = new RoleResolver(policy, LakeRules.generatedRoles(generatedRoles));
      access = new LakeRules.PolicyState(now, null);
    } catch (AccessPolicyException | IllegalArgumentException e) {
      if (previous != null && previous.access().loadedAt() != null) {
        policy = previous.policy();
        roles = previous.roles();
        access = new LakeRules.PolicyState(previous.access().loadedAt(), e.getMessage());
      } else {
        policy = new AccessPolicy(Map.of());
        roles = new RoleResolver(policy, Map.of());
        access = new LakeRules.PolicyState(null, e.getMessage());
      }
    }
    Set<String> names = new TreeSet<>(valid.keySet());
    names.addAll(broken.keySet());
    ReportFolder.Reports read = files.readReports(names);
    Map<String, ReportDefinition> reports = new TreeMap<>();
    Map<String, String> brokenReports = new TreeMap<>();
    read.broken().forEach((file, e) -> brokenReports.put(file, e.getMessage()));
    read.reports()
        .forEach(
            (name, report) -> {
              Optional<String> unavailable =
                  report.datasets().stream().filter(broken::containsKey).findFirst();
              if (unavailable.isPresent()) {
                brokenReports.put(
                    name + ".sql",
                    "it reads dataset "
                        + unavailable.get()
                        + ", whose contract is invalid: "
                        + broken.get(unavailable.get()));
              } else {
                reports.put(name, report);
              }
            });
    return new LakeRules.Snapshot(
        valid, policy, roles, reports, broken, brokenReports, access, revisions);
  }

  /** The contracts of this read, valid and broken, as a repository. */
  private record ReadContracts(Map<String, DatasetContract> valid, Map<String, String> broken)
      implements ContractRepository {

    @Override
    public Optional<DatasetContract> find(String dataset) {
      String problem = broken.get(dataset);
      if (problem != null) {
        throw new ContractException(problem);
      }
      return Optional.ofNullable(valid.get(dataset));
    }

    @Override
    public List<String> names() {
      Set<String> names = new TreeSet<>(valid.keySet());
      names.addAll(broken.keySet());
      return List.copyOf(names);
    }
  }
}
