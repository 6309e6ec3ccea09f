package io.strata.core.query;

import io.strata.core.access.DatasetGrant;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.PartitionSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The queryable columns one role's grant shows. A hidden column is absent. A derived (day, month or
 * year) partition column is absent when its source column is hidden or masked: its values give the
 * source away, and a derived value cannot be masked. An identity partition column is the contract
 * column itself, so the grant applies to it by name.
 */
final class GrantedColumns {

  private GrantedColumns() {}

  /** The visible columns in the order of {@link QueryableColumns#of}. */
  static List<QueryColumn> of(DatasetContract contract, DatasetGrant grant) {
    Map<String, String> derivedFrom = new HashMap<>();
    for (PartitionSpec partition : contract.partitions()) {
      if (partition.transform() != PartitionSpec.Transform.IDENTITY) {
        derivedFrom.put(partition.name(), partition.source());
      }
    }
    return QueryableColumns.of(contract).stream()
        .filter(c -> grant.shows(c.name()))
        .filter(
            c -> {
              String source = derivedFrom.get(c.name());
              return source == null || (grant.shows(source) && !grant.masks(source));
            })
        .toList();
  }
}
