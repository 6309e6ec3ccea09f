package io.strata.core.query;

import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.PartitionSpec;
import io.strata.core.contract.Pii;
import io.strata.core.history.ParquetSchemas;
import java.util.ArrayList;
import java.util.List;

/**
 * Every column a query of a dataset may name, before any role's grant: the stored contract columns
 * in contract order (identity partition columns among them; PII {@code drop} columns are never
 * stored), then the lineage columns. Day, month and year partitions are hidden in the table's
 * partition spec: a query filters on their source column and the engine prunes.
 */
public final class QueryableColumns {

  private QueryableColumns() {}

  /** The dataset's queryable columns, in the order a default query returns them. */
  public static List<QueryColumn> of(DatasetContract contract) {
    List<QueryColumn> columns = new ArrayList<>();
    for (ColumnSpec spec : contract.columns()) {
      if (spec.pii().mode() == Pii.PiiMode.DROP) {
        continue;
      }
      ColumnType type =
          spec.pii().mode() == Pii.PiiMode.NONE
              ? stored(spec.type())
              : ColumnType.of(ColumnType.Kind.STRING);
      QueryColumn.Kind kind =
          isIdentityPartition(contract, spec.name())
              ? QueryColumn.Kind.PARTITION
              : QueryColumn.Kind.COLUMN;
      columns.add(new QueryColumn(spec.name(), type, athenaType(type), spec.description(), kind));
    }
    columns.add(
        lineage(ParquetSchemas.BATCH_ID, ColumnType.Kind.STRING, "batch that wrote the row"));
    columns.add(
        lineage(
            ParquetSchemas.INGESTED_AT, ColumnType.Kind.TIMESTAMP, "when the batch arrived (UTC)"));
    columns.add(
        lineage(ParquetSchemas.SOURCE_KEY, ColumnType.Kind.STRING, "raw object the row came from"));
    columns.add(
        lineage(
            ParquetSchemas.SOURCE_LINE, ColumnType.Kind.LONG, "line of the row in that object"));
    return List.copyOf(columns);
  }

  /** The type of the stored values, without the contract's parsing format. */
  private static ColumnType stored(ColumnType type) {
    return type.kind() == ColumnType.Kind.DECIMAL
        ? ColumnType.decimal(type.precision(), type.scale())
        : ColumnType.of(type.kind());
  }

  /** The type as Athena names it for an Iceberg column ({@code bigint}, {@code timestamp}, …). */
  static String athenaType(ColumnType type) {
    return switch (type.kind()) {
      case STRING -> "string";
      case BOOLEAN -> "boolean";
      case INT -> "int";
      case LONG -> "bigint";
      case DOUBLE -> "double";
      case DECIMAL -> "decimal(" + type.precision() + "," + type.scale() + ")";
      case DATE -> "date";
      case TIMESTAMP -> "timestamp";
    };
  }

  private static boolean isIdentityPartition(DatasetContract contract, String column) {
    for (PartitionSpec partition : contract.partitions()) {
      if (partition.transform() == PartitionSpec.Transform.IDENTITY
          && partition.source().equals(column)) {
        return true;
      }
    }
    return false;
  }

  private static QueryColumn lineage(String name, ColumnType.Kind kind, String description) {
    ColumnType type = ColumnType.of(kind);
    return new QueryColumn(name, type, athenaType(type), description, QueryColumn.Kind.LINEAGE);
  }
}
