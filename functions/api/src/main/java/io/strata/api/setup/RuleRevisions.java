package io.strata.api.setup;

import io.strata.core.contract.ContractRepository;
import io.strata.core.rules.RuleFiles;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every rule file stood when the rules were read: the rules are read again only when this
 * changes. Cheap to take: the contract repository's cached revisions, one look at {@code
 * access.yaml}, one listing of the reports.
 *
 * @param contracts each contract's revision, by dataset
 * @param access the revision of {@code access.yaml}
 * @param reports the revisions of the report files
 */
public record RuleRevisions(Map<String, String> contracts, String access, String reports) {

  public RuleRevisions {
    contracts = Map.copyOf(contracts);
  }

  static RuleRevisions of(ContractRepository contracts, RuleFiles files) {
    Map<String, String> revisions = new TreeMap<>();
    for (String name : contracts.names()) {
      revisions.put(name, contracts.revision(name).orElse("absent"));
    }
    return new RuleRevisions(revisions, files.accessRevision(), files.reportsRevision());
  }
}
