package io.strata.core.history;

import io.strata.core.contract.ColumnRules;
import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.ColumnType.Kind;
import io.strata.core.contract.CsvOptions;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.ErrorPolicy;
import io.strata.core.contract.ExtraColumnPolicy;
import io.strata.core.contract.PartitionSpec;
import io.strata.core.contract.Pii;
import io.strata.core.contract.SchemaEvolution;
import io.strata.core.contract.SourceFormat;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.TableSchemas;
import java.util.List;

/** Contracts built in code for history tests. */
final class TestContracts {

  private TestContracts() {}

  /**
   * A payments dataset with a column of every type, PII columns of each mode and an identity
   * partition on {@code booking_date}.
   */
  static DatasetContract payments() {
    return contract(
        "payments",
        List.of(
            column("id", ColumnType.of(Kind.LONG), true, Pii.NONE),
            column("booking_date", ColumnType.date(null), true, Pii.NONE),
            column("customer", ColumnType.of(Kind.STRING), true, Pii.NONE),
            column("iban", ColumnType.of(Kind.STRING), true, new Pii(Pii.PiiMode.MASK, 4)),
            column("email", ColumnType.of(Kind.STRING), false, new Pii(Pii.PiiMode.HASH, 0)),
            column("secret", ColumnType.of(Kind.STRING), false, new Pii(Pii.PiiMode.DROP, 0)),
            column("active", ColumnType.of(Kind.BOOLEAN), false, Pii.NONE),
            column("quantity", ColumnType.of(Kind.INT), false, Pii.NONE),
            column("amount", ColumnType.decimal(18, 2), false, Pii.NONE),
            column("balance", ColumnType.decimal(38, 10), false, Pii.NONE),
            column("ratio", ColumnType.of(Kind.DOUBLE), false, Pii.NONE),
            column("booked_at", ColumnType.timestamp(null), false, Pii.NONE),
            column("note", ColumnType.of(Kind.STRING), false, Pii.NONE)),
        List.of("id"),
        List.of(
            new PartitionSpec("booking_date", "booking_date", PartitionSpec.Transform.IDENTITY)));
  }

  /** A small dataset partitioned by a string region, for routing tests. */
  static DatasetContract byRegion() {
    return contract(
        "sales",
        List.of(
            column("region", ColumnType.of(Kind.STRING), true, Pii.NONE),
            column("seq", ColumnType.of(Kind.LONG), true, Pii.NONE)),
        List.of(),
        List.of(new PartitionSpec("region", "region", PartitionSpec.Transform.IDENTITY)));
  }

  static DatasetContract contract(
      String name, List<ColumnSpec> columns, List<String> key, List<PartitionSpec> partitions) {
    return new DatasetContract(
        name,
        1,
        "",
        SourceFormat.CSV,
        CsvOptions.DEFAULT,
        columns,
        key,
        partitions,
        ErrorPolicy.STRICT,
        ExtraColumnPolicy.REJECT,
        SchemaEvolution.ADDITIVE);
  }

  /** The table a contract's history files are written for, as Strata creates it. */
  static HistoryTarget target(DatasetContract contract) {
    org.apache.iceberg.Schema schema = TableSchemas.schema(contract);
    return new HistoryTarget(
        schema, TableSchemas.spec(contract, schema), org.apache.iceberg.MetricsConfig.getDefault());
  }

  /** A writer of the contract's history into the contract's own table. */
  static HistoryWriter writer(
      ObjectStore store,
      String bucket,
      DatasetContract contract,
      BatchInfo batch,
      HistorySettings settings) {
    return new HistoryWriter(store, bucket, contract, batch, settings, target(contract));
  }

  static ColumnSpec column(String name, ColumnType type, boolean required, Pii pii) {
    return new ColumnSpec(name, type, required, ColumnRules.NONE, pii, "");
  }
}
