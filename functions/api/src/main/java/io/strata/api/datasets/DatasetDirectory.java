package io.strata.api.datasets;

import io.strata.api.error.ApiException;
import io.strata.api.error.Printable;
import io.strata.api.identity.Caller;
import io.strata.api.setup.LakeRules;
import io.strata.core.contract.DatasetContract;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.HistoryTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Table;

/**
 * The datasets a caller may see, their schema as its role sees it, and from each dataset's Iceberg
 * table its partitions (of the latest snapshot's data files) and batches (snapshot summaries).
 */
@ApplicationScoped
public class DatasetDirectory {

  static final int RECENT_BATCHES = 10;
  static final int LISTED_PARTITIONS = 100;

  @Inject LakeRules rules;
  @Inject HistoryTables tables;

  /** Every dataset the caller's role may see, in name order. */
  public List<DatasetSummary> list(Caller caller) {
    List<DatasetSummary> result = new ArrayList<>();
    for (DatasetContract contract : rules.current().contracts().values()) {
      if (caller.role().canSee(contract.name())) {
        RoleView view =
            new RoleView(contract, caller.role().grantFor(contract.name()).orElseThrow());
        List<BatchSummary> last =
            view.batches(BatchHistory.recent(tables.load(contract.name()), 1));
        result.add(
            new DatasetSummary(
                contract.name(),
                contract.description(),
                contract.version(),
                view.businessKey(),
                view.partitionKeys(),
                last.isEmpty() ? null : last.get(0)));
      }
    }
    return result;
  }

  /** One dataset as the caller's role sees it. */
  public DatasetDetail detail(Caller caller, String dataset) {
    DatasetContract contract = visible(caller, dataset);
    RoleView view = new RoleView(contract, caller.role().grantFor(dataset).orElseThrow());
    Optional<Table> table = tables.load(dataset);
    List<String> values = List.of();
    Integer count = null;
    if (view.mayListPartitions()) {
      values =
          table
              .flatMap(t -> HistorySnapshot.of(t, null))
              .map(TablePartitions::of)
              .orElse(List.of());
      count = values.size();
      if (values.size() > LISTED_PARTITIONS) {
        values = values.subList(values.size() - LISTED_PARTITIONS, values.size());
      }
    }
    return new DatasetDetail(
        contract.name(),
        contract.description(),
        contract.version(),
        view.businessKey(),
        view.columns(),
        view.partitionKeys(),
        count,
        values,
        view.batches(BatchHistory.recent(table, RECENT_BATCHES)));
  }

  /**
   * The contract of a dataset the caller may see: 404 when no contract exists, 403 naming the rule
   * when the caller's role has no grant on it.
   */
  public DatasetContract visible(Caller caller, String dataset) {
    DatasetContract contract =
        rules
            .contract(dataset)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "dataset_not_found",
                        "No dataset '" + Printable.of(dataset, 100) + "' exists"));
    if (!caller.role().canSee(dataset)) {
      throw ApiException.forbidden(
          "forbidden",
          "Role "
              + caller.role().name()
              + " may not see dataset "
              + dataset
              + ": access.yaml grants the role no access to it");
    }
    return contract;
  }
}
