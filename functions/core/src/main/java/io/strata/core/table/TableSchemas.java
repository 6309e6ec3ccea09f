package io.strata.core.table;

import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.PartitionSpec;
import io.strata.core.contract.Pii;
import io.strata.core.history.ParquetSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Maps a dataset contract to its Iceberg table: the stored columns in contract order (PII {@code
 * hash} and {@code mask} columns as strings, {@code drop} columns absent), then the lineage
 * columns; the partition spec with the contract's partition names as field names (hidden
 * partitioning: {@code day(event_time)} named {@code event_date}); and the table properties. Pure:
 * the same contract always gives the same definition. Field ids here are provisional; the catalog
 * assigns the table's own on creation, and every later lookup goes by name.
 */
public final class TableSchemas {

  /** Table property: the version of the contract that last changed the table. */
  public static final String CONTRACT_VERSION = "strata.contract-version";

  /** Table property: the contract's schema-evolution policy. */
  public static final String SCHEMA_EVOLUTION = "strata.schema-evolution";

  /** Metadata files kept besides the current one; older ones are deleted after each commit. */
  static final int PREVIOUS_VERSIONS_KEPT = 20;

  private TableSchemas() {}

  /** The table's schema for the contract: stored columns, then lineage columns. */
  public static Schema schema(DatasetContract contract) {
    List<Types.NestedField> fields = new ArrayList<>();
    int id = 1;
    for (ColumnSpec column : contract.columns()) {
      if (column.pii().mode() == Pii.PiiMode.DROP) {
        continue;
      }
      Type type = storedType(column);
      fields.add(
          column.required()
              ? Types.NestedField.required(id++, column.name(), type, doc(column))
              : Types.NestedField.optional(id++, column.name(), type, doc(column)));
    }
    fields.add(
        Types.NestedField.required(
            id++, ParquetSchemas.BATCH_ID, Types.StringType.get(), "batch that wrote the row"));
    fields.add(
        Types.NestedField.required(
            id++,
            ParquetSchemas.INGESTED_AT,
            Types.TimestampType.withZone(),
            "when the batch arrived (UTC)"));
    fields.add(
        Types.NestedField.required(
            id++,
            ParquetSchemas.SOURCE_KEY,
            Types.StringType.get(),
            "raw object the row came from"));
    fields.add(
        Types.NestedField.required(
            id,
            ParquetSchemas.SOURCE_LINE,
            Types.LongType.get(),
            "line of the row in that object"));
    return new Schema(fields);
  }

  /** The partition spec of the contract's partitions over {@code schema}. */
  public static org.apache.iceberg.PartitionSpec spec(DatasetContract contract, Schema schema) {
    org.apache.iceberg.PartitionSpec.Builder spec =
        org.apache.iceberg.PartitionSpec.builderFor(schema);
    for (PartitionSpec partition : contract.partitions()) {
      switch (partition.transform()) {
        case IDENTITY -> spec.identity(partition.source(), partition.name());
        case DAY -> spec.day(partition.source(), partition.name());
        case MONTH -> spec.month(partition.source(), partition.name());
        case YEAR -> spec.year(partition.source(), partition.name());
      }
    }
    return spec.build();
  }

  /**
   * The properties Strata sets on the table: format version 2, ZSTD data files, no retries inside
   * Iceberg's commit (our own loop re-checks the batch id before every try, which Iceberg's retry
   * would skip), old metadata files deleted, the contract's version and evolution policy.
   */
  public static Map<String, String> properties(DatasetContract contract) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(TableProperties.FORMAT_VERSION, "2");
    properties.put(TableProperties.PARQUET_COMPRESSION, "zstd");
    properties.put(TableProperties.COMMIT_NUM_RETRIES, "0");
    properties.put(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true");
    properties.put(
        TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, Integer.toString(PREVIOUS_VERSIONS_KEPT));
    properties.put(CONTRACT_VERSION, Integer.toString(contract.version()));
    properties.put(SCHEMA_EVOLUTION, contract.schemaEvolution().name().toLowerCase(Locale.ROOT));
    return properties;
  }

  /** The Iceberg type of a column as stored: PII hash and mask columns hold strings. */
  public static Type storedType(ColumnSpec column) {
    if (column.pii().mode() != Pii.PiiMode.NONE) {
      return Types.StringType.get();
    }
    return type(column.type());
  }

  /** The Iceberg type of a contract type; timestamps keep microseconds, in UTC. */
  public static Type type(ColumnType type) {
    return switch (type.kind()) {
      case STRING -> Types.StringType.get();
      case BOOLEAN -> Types.BooleanType.get();
      case INT -> Types.IntegerType.get();
      case LONG -> Types.LongType.get();
      case DOUBLE -> Types.DoubleType.get();
      case DECIMAL -> Types.DecimalType.of(type.precision(), type.scale());
      case DATE -> Types.DateType.get();
      case TIMESTAMP -> Types.TimestampType.withZone();
    };
  }

  /** The contract type of a stored Iceberg type; the inverse of {@link #type}. */
  public static ColumnType columnType(Type type) {
    return switch (type.typeId()) {
      case STRING -> ColumnType.of(ColumnType.Kind.STRING);
      case BOOLEAN -> ColumnType.of(ColumnType.Kind.BOOLEAN);
      case INTEGER -> ColumnType.of(ColumnType.Kind.INT);
      case LONG -> ColumnType.of(ColumnType.Kind.LONG);
      case DOUBLE -> ColumnType.of(ColumnType.Kind.DOUBLE);
      case DECIMAL -> {
        Types.DecimalType decimal = (Types.DecimalType) type;
        yield ColumnType.decimal(decimal.precision(), decimal.scale());
      }
      case DATE -> ColumnType.of(ColumnType.Kind.DATE);
      case TIMESTAMP -> ColumnType.of(ColumnType.Kind.TIMESTAMP);
      default -> throw new IllegalArgumentException("Strata stores no column of type " + type);
    };
  }

  private static String doc(ColumnSpec column) {
    return column.description() == null || column.description().isEmpty()
        ? null
        : column.description();
  }
}
