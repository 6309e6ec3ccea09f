package io.strata.core.history;

import java.util.Objects;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;

/**
 * What a batch's files must match in the dataset's Iceberg table: its schema (field ids), its
 * partition spec and which column metrics it keeps.
 */
public record HistoryTarget(Schema schema, PartitionSpec spec, MetricsConfig metrics) {

  public HistoryTarget {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** The target of the table as last read. */
  public static HistoryTarget of(Table table) {
    return new HistoryTarget(table.schema(), table.spec(), MetricsConfig.forTable(table));
  }
}
