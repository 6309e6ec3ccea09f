package io.strata.aws.glue;

import io.strata.core.catalog.CatalogColumn;
import io.strata.core.catalog.CatalogPartition;
import io.strata.core.catalog.CatalogTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Maps catalog tables and partitions to Glue's inputs and Glue's answers back, the way Athena reads
 * Hive-partitioned Parquet: an external table with Parquet formats and SerDe, every partition with
 * the table's columns. Pure.
 */
public final class GlueTableInputMapper {

  static final String TABLE_TYPE = "EXTERNAL_TABLE";
  static final String INPUT_FORMAT =
      "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
  static final String OUTPUT_FORMAT =
      "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
  static final String SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

  private GlueTableInputMapper() {}

  /** The CreateTable/UpdateTable input of a table; {@code classification} is always parquet. */
  public static TableInput tableInput(CatalogTable table) {
    Map<String, String> parameters = new LinkedHashMap<>(table.parameters());
    parameters.put("classification", "parquet");
    return TableInput.builder()
        .name(table.name())
        .description(textOrNull(table.description()))
        .tableType(TABLE_TYPE)
        .parameters(parameters)
        .partitionKeys(columns(table.partitionKeys()))
        .storageDescriptor(storageDescriptor(table.columns(), table.location()))
        .build();
  }

  /**
   * The BatchCreatePartition input of a partition: the table's columns, formats and SerDe at the
   * partition's location, so Athena never sees a partition schema that differs from the table's.
   */
  public static PartitionInput partitionInput(CatalogTable table, CatalogPartition partition) {
    return PartitionInput.builder()
        .values(partition.values())
        .storageDescriptor(storageDescriptor(table.columns(), partition.location()))
        .build();
  }

  /**
   * The catalog table Glue holds, with its {@code VersionId} as version.
   *
   * @throws IllegalArgumentException when the table has no storage descriptor, columns or location
   *     (a view, or a table Strata did not create); the message is the reason
   */
  public static CatalogTable catalogTable(Table table) {
    StorageDescriptor storage = table.storageDescriptor();
    if (storage == null || storage.columns().isEmpty()) {
      throw new IllegalArgumentException("Glue holds no columns for it");
    }
    if (storage.location() == null) {
      throw new IllegalArgumentException("Glue holds no location for it");
    }
    return new CatalogTable(
        table.name(),
        table.description(),
        catalogColumns(storage.columns()),
        catalogColumns(table.partitionKeys()),
        storage.location(),
        table.parameters(),
        table.versionId());
  }

  /**
   * The catalog partition Glue holds.
   *
   * @throws IllegalArgumentException when the partition has no location; the message is the reason
   */
  public static CatalogPartition catalogPartition(Partition partition) {
    StorageDescriptor storage = partition.storageDescriptor();
    if (storage == null || storage.location() == null) {
      throw new IllegalArgumentException(
          "Glue holds no location for partition " + partition.values());
    }
    return new CatalogPartition(partition.values(), storage.location());
  }

  private static StorageDescriptor storageDescriptor(List<CatalogColumn> columns, String location) {
    return StorageDescriptor.builder()
        .columns(columns(columns))
        .location(location)
        .inputFormat(INPUT_FORMAT)
        .outputFormat(OUTPUT_FORMAT)
        .serdeInfo(
            SerDeInfo.builder()
                .serializationLibrary(SERDE)
                .parameters(Map.of("serialization.format", "1"))
                .build())
        .build();
  }

  private static List<Column> columns(List<CatalogColumn> columns) {
    return columns.stream()
        .map(
            c ->
                Column.builder()
                    .name(c.name())
                    .type(c.type())
                    .comment(textOrNull(c.comment()))
                    .build())
        .toList();
  }

  private static List<CatalogColumn> catalogColumns(List<Column> columns) {
    return columns.stream().map(c -> new CatalogColumn(c.name(), c.type(), c.comment())).toList();
  }

  /** Leaves empty texts out: Glue then answers none, which reads back as empty. */
  private static String textOrNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
