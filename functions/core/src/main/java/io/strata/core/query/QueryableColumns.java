package io.strata.core.query;

import io.strata.core.catalog.CatalogColumn;
import io.strata.core.catalog.CatalogTable;
import io.strata.core.catalog.CatalogTableMapper;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import io.strata.core.history.ParquetSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every column a query of a dataset may name, before any role's grant: the stored contract columns
 * and identity partition columns in contract order, then the derived partition columns, then the
 * lineage columns. Types come from {@link CatalogTableMapper}, so queries see what Athena sees.
 */
public final class QueryableColumns {

  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");

  private QueryableColumns() {}

  /** The dataset's queryable columns, in the order a default query returns them. */
  public static List<QueryColumn> of(DatasetContract contract) {
    CatalogTable table = CatalogTableMapper.forContract(contract, "unused");
    List<QueryColumn> lineage = new ArrayList<>();
    Map<String, CatalogColumn> stored = new LinkedHashMap<>();
    for (CatalogColumn column : table.columns()) {
      if (ParquetSchemas.LINEAGE_COLUMNS.contains(column.name())) {
        lineage.add(column(column, column.comment(), QueryColumn.Kind.LINEAGE));
      } else {
        stored.put(column.name(), column);
      }
    }
    Map<String, CatalogColumn> partitions = new LinkedHashMap<>();
    table.partitionKeys().forEach(c -> partitions.put(c.name(), c));
    List<QueryColumn> columns = new ArrayList<>();
    for (var spec : contract.columns()) {
      CatalogColumn column = stored.get(spec.name());
      if (column != null) {
        columns.add(column(column, spec.description(), QueryColumn.Kind.COLUMN));
      } else if (partitions.containsKey(spec.name())) {
        CatalogColumn partition = partitions.remove(spec.name());
        columns.add(column(partition, spec.description(), QueryColumn.Kind.PARTITION));
      }
    }
    for (CatalogColumn partition : partitions.values()) {
      columns.add(column(partition, partition.comment(), QueryColumn.Kind.PARTITION));
    }
    columns.addAll(lineage);
    return List.copyOf(columns);
  }

  private static QueryColumn column(
      CatalogColumn column, String description, QueryColumn.Kind kind) {
    return new QueryColumn(column.name(), typeOf(column.type()), column.type(), description, kind);
  }

  /** The logical type of a catalog type text. */
  static ColumnType typeOf(String athenaType) {
    Matcher decimal = DECIMAL.matcher(athenaType);
    if (decimal.matches()) {
      return ColumnType.decimal(
          Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
    }
    return ColumnType.of(
        switch (athenaType) {
          case "string" -> ColumnType.Kind.STRING;
          case "boolean" -> ColumnType.Kind.BOOLEAN;
          case "int" -> ColumnType.Kind.INT;
          case "bigint" -> ColumnType.Kind.LONG;
          case "double" -> ColumnType.Kind.DOUBLE;
          case "date" -> ColumnType.Kind.DATE;
          case "timestamp" -> ColumnType.Kind.TIMESTAMP;
          default -> throw new IllegalArgumentException("Unknown catalog type " + athenaType);
        });
  }
}
