package io.strata.api.datasets;

import io.strata.api.error.ApiException;
import io.strata.api.error.Printable;
import io.strata.api.identity.Caller;
import io.strata.api.setup.ApiConfig;
import io.strata.api.setup.LakeRules;
import io.strata.core.catalog.Catalog;
import io.strata.core.catalog.CatalogPartition;
import io.strata.core.contract.DatasetContract;
import io.strata.core.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** The datasets a caller may see, their schema as its role sees it, partitions and batches. */
@ApplicationScoped
public class DatasetDirectory {

  static final int RECENT_BATCHES = 10;
  static final int LISTED_PARTITIONS = 100;

  @Inject LakeRules rules;
  @Inject ObjectStore store;
  @Inject Catalog catalog;
  @Inject ApiConfig config;

  /** Every dataset the caller's role may see, in name order. */
  public List<DatasetSummary> list(Caller caller) {
    BatchHistory batches = new BatchHistory(store, config.historyBucket());
    List<DatasetSummary> result = new ArrayList<>();
    for (DatasetContract contract : rules.current().contracts().values()) {
      if (caller.role().canSee(contract.name())) {
        RoleView view =
            new RoleView(contract, caller.role().grantFor(contract.name()).orElseThrow());
        List<BatchSummary> last = view.batches(batches.recent(contract.name(), 1));
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
    List<String> values = List.of();
    Integer count = null;
    if (view.mayListPartitions()) {
      List<CatalogPartition> partitions =
          catalog.table(dataset).isPresent() ? catalog.partitions(dataset) : List.of();
      values = partitions.stream().map(p -> String.join("/", p.values())).sorted().toList();
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
        view.batches(
            new BatchHistory(store, config.historyBucket()).recent(dataset, RECENT_BATCHES)));
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
