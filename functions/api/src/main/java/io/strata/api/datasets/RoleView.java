package io.strata.api.datasets;

import io.strata.core.access.DatasetGrant;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.PartitionSpec;
import io.strata.core.query.VisibleColumn;
import io.strata.core.query.VisibleSchema;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A dataset's metadata as one role may see it: key and partition columns only when the role sees
 * them, partition values only when they reveal nothing it may not see, batch details only when it
 * sees every row.
 */
final class RoleView {

  private final DatasetContract contract;
  private final DatasetGrant grant;
  private final List<VisibleColumn> columns;
  private final Map<String, VisibleColumn> byName;

  RoleView(DatasetContract contract, DatasetGrant grant) {
    this.contract = contract;
    this.grant = grant;
    this.columns = VisibleSchema.of(contract, grant);
    this.byName =
        columns.stream().collect(Collectors.toMap(VisibleColumn::name, Function.identity()));
  }

  List<VisibleColumn> columns() {
    return columns;
  }

  List<String> businessKey() {
    return contract.key().stream().filter(byName::containsKey).toList();
  }

  /**
   * The table's partition fields the role may know of: an identity partition when its column is
   * visible (masked or not: the name is the column's), a day, month or year partition only when its
   * source is visible in clear, since its values give the source away.
   */
  List<String> partitionKeys() {
    return contract.partitions().stream()
        .filter(
            p -> {
              VisibleColumn source = byName.get(p.source());
              return source != null
                  && (p.transform() == PartitionSpec.Transform.IDENTITY || !source.masked());
            })
        .map(PartitionSpec::name)
        .toList();
  }

  /** Partition values show column values: only when every partition source is seen in clear. */
  boolean mayListPartitions() {
    if (grant.filtersRows()) {
      return false;
    }
    for (PartitionSpec partition : contract.partitions()) {
      VisibleColumn column = byName.get(partition.source());
      if (column == null || column.masked()) {
        return false;
      }
    }
    return true;
  }

  List<BatchSummary> batches(List<BatchSummary> batches) {
    return grant.filtersRows()
        ? batches.stream().map(BatchSummary::withoutRowDetails).toList()
        : batches;
  }
}
