package io.strata.core.catalog;

import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.PartitionSpec;
import io.strata.core.contract.Pii;
import io.strata.core.history.ParquetSchemas;
import io.strata.core.history.PartitionPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps a dataset contract to its catalog table and a batch's partition paths to catalog partitions.
 * Pure: the same contract always gives the same table.
 */
public final class CatalogTableMapper {

  private CatalogTableMapper() {}

  /** The table of the dataset whose history lives under {@code s3://<historyBucket>/<name>/}. */
  public static CatalogTable forContract(DatasetContract contract, String historyBucket) {
    String location = "s3://" + historyBucket + "/" + contract.name() + "/";
    List<CatalogColumn> columns = new ArrayList<>();
    for (int index : ParquetSchemas.storedColumns(contract)) {
      ColumnSpec column = contract.columns().get(index);
      columns.add(new CatalogColumn(column.name(), storedType(column), column.description()));
    }
    columns.add(new CatalogColumn(ParquetSchemas.BATCH_ID, "string", "batch that wrote the row"));
    columns.add(
        new CatalogColumn(ParquetSchemas.INGESTED_AT, "timestamp", "when the batch arrived (UTC)"));
    columns.add(
        new CatalogColumn(ParquetSchemas.SOURCE_KEY, "string", "raw object the row came from"));
    columns.add(
        new CatalogColumn(ParquetSchemas.SOURCE_LINE, "bigint", "line of the row in that object"));
    List<CatalogColumn> partitionKeys = new ArrayList<>();
    for (PartitionSpec partition : contract.partitions()) {
      ColumnSpec source = contract.column(partition.source()).orElseThrow();
      partitionKeys.add(
          new CatalogColumn(
              partition.name(), partitionType(partition, source), comment(partition)));
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("classification", "parquet");
    parameters.put("parquet.compression", "ZSTD");
    parameters.put("EXTERNAL", "TRUE");
    parameters.put(CatalogTable.CONTRACT_VERSION, Integer.toString(contract.version()));
    parameters.put(
        "strata.schema_evolution", contract.schemaEvolution().name().toLowerCase(Locale.ROOT));
    if (contract.catalog().partitionProjection()) {
      parameters.putAll(projection(contract, location));
    }
    return new CatalogTable(
        contract.name(),
        contract.description(),
        columns,
        partitionKeys,
        location,
        parameters,
        null);
  }

  /**
   * The catalog partitions of a batch's partition paths ({@code booking_date=2024-03-01}, …),
   * without duplicates, in path order.
   */
  public static List<CatalogPartition> partitions(CatalogTable table, List<String> paths) {
    List<CatalogPartition> partitions = new ArrayList<>();
    for (String path : new TreeSet<>(paths)) {
      if (path.isEmpty()) {
        continue;
      }
      List<String> values = PartitionPath.values(path);
      if (values.size() != table.partitionKeys().size()) {
        throw new IllegalArgumentException(
            "Cannot map partition '"
                + path
                + "' of table "
                + table.name()
                + ": it has "
                + values.size()
                + " levels, the table "
                + table.partitionKeys().size());
      }
      partitions.add(new CatalogPartition(values, table.location() + path + "/"));
    }
    return partitions;
  }

  /** The Hive type of a column as stored: PII hash and mask columns hold strings. */
  static String storedType(ColumnSpec column) {
    if (column.pii().mode() != Pii.PiiMode.NONE) {
      return "string";
    }
    return hiveType(column.type());
  }

  static String hiveType(ColumnType type) {
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

  private static String partitionType(PartitionSpec partition, ColumnSpec source) {
    return switch (partition.transform()) {
      case IDENTITY -> hiveType(source.type());
      case DAY -> "date";
      case MONTH, YEAR -> "string";
    };
  }

  private static String comment(PartitionSpec partition) {
    return switch (partition.transform()) {
      case IDENTITY -> "";
      case DAY -> "UTC day of " + partition.source();
      case MONTH -> "UTC month (yyyy-MM) of " + partition.source();
      case YEAR -> "UTC year (yyyy) of " + partition.source();
    };
  }

  private static Map<String, String> projection(DatasetContract contract, String location) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("projection.enabled", "true");
    StringBuilder template = new StringBuilder(location);
    for (PartitionSpec partition : contract.partitions()) {
      ColumnSpec source = contract.column(partition.source()).orElseThrow();
      String prefix = "projection." + partition.name() + ".";
      String range = contract.catalog().projectionRanges().get(partition.name());
      switch (projectionKind(partition, source)) {
        case DAY -> putDate(parameters, prefix, range, "yyyy-MM-dd", "DAYS");
        case MONTH -> putDate(parameters, prefix, range, "yyyy-MM", "MONTHS");
        case YEAR -> putDate(parameters, prefix, range, "yyyy", "YEARS");
        default -> putValues(parameters, prefix, source);
      }
      template.append(partition.name()).append("=${").append(partition.name()).append("}/");
    }
    parameters.put("storage.location.template", template.toString());
    return parameters;
  }

  private static PartitionSpec.Transform projectionKind(
      PartitionSpec partition, ColumnSpec source) {
    if (partition.transform() == PartitionSpec.Transform.IDENTITY
        && source.type().kind() == ColumnType.Kind.DATE) {
      return PartitionSpec.Transform.DAY;
    }
    return partition.transform();
  }

  private static void putDate(
      Map<String, String> parameters, String prefix, String range, String format, String unit) {
    parameters.put(prefix + "type", "date");
    parameters.put(prefix + "range", range);
    parameters.put(prefix + "format", format);
    parameters.put(prefix + "interval", "1");
    parameters.put(prefix + "interval.unit", unit);
  }

  private static void putValues(Map<String, String> parameters, String prefix, ColumnSpec source) {
    switch (source.type().kind()) {
      case INT, LONG -> {
        parameters.put(prefix + "type", "integer");
        parameters.put(
            prefix + "range",
            source.rules().min().toBigInteger() + "," + source.rules().max().toBigInteger());
      }
      case BOOLEAN -> {
        parameters.put(prefix + "type", "enum");
        parameters.put(prefix + "values", "false,true");
      }
      default -> {
        if (source.rules().allowed().isEmpty()) {
          parameters.put(prefix + "type", "injected");
        } else {
          parameters.put(prefix + "type", "enum");
          parameters.put(
              prefix + "values", String.join(",", new TreeSet<>(source.rules().allowed())));
        }
      }
    }
  }
}
