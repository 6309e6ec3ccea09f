package io.strata.core.history;

import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.Pii;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types.NestedField;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Maps a dataset contract to the Parquet schema of its history files: the stored columns in
 * contract order (identity partition columns live only in the path, PII {@code drop} columns are
 * never written) followed by the lineage columns.
 */
public final class ParquetSchemas {

  /** Lineage column: the batch that wrote the row. */
  public static final String BATCH_ID = "_batch_id";

  /** Lineage column: when the batch was ingested (timestamp, UTC, micros). */
  public static final String INGESTED_AT = "_ingested_at";

  /** Lineage column: the raw object the row came from. */
  public static final String SOURCE_KEY = "_source_key";

  /** Lineage column: the row's line (or record number) in the raw object. */
  public static final String SOURCE_LINE = "_source_line";

  /** Lineage columns, in the order they follow the contract columns. */
  public static final List<String> LINEAGE_COLUMNS =
      List.of(BATCH_ID, INGESTED_AT, SOURCE_KEY, SOURCE_LINE);

  private ParquetSchemas() {}

  /**
   * The Parquet schema of the dataset's history files, each field carrying the field id of the
   * table column of the same name, so that Iceberg readers match columns by id, not by name.
   *
   * @throws IllegalArgumentException when the table lacks a column the contract stores
   */
  public static MessageType forContract(DatasetContract contract, Schema table) {
    List<Type> fields = new ArrayList<>();
    for (int index : storedColumns(contract)) {
      ColumnSpec column = contract.columns().get(index);
      fields.add(withId(field(column), table, contract));
    }
    fields.add(withId(string(BATCH_ID, Repetition.REQUIRED), table, contract));
    fields.add(withId(timestamp(INGESTED_AT, Repetition.REQUIRED), table, contract));
    fields.add(withId(string(SOURCE_KEY, Repetition.REQUIRED), table, contract));
    fields.add(
        withId(
            Types.primitive(PrimitiveTypeName.INT64, Repetition.REQUIRED).named(SOURCE_LINE),
            table,
            contract));
    return new MessageType(contract.name(), fields);
  }

  private static Type withId(Type field, Schema table, DatasetContract contract) {
    NestedField column = table.findField(field.getName());
    if (column == null) {
      throw new IllegalArgumentException(
          "Cannot write history of dataset "
              + contract.name()
              + ": its table has no column "
              + field.getName());
    }
    return field.withId(column.fieldId());
  }

  /**
   * Indexes into {@link DatasetContract#columns()} of the columns stored in the file, in file
   * order: every column except PII {@code drop} columns. Identity partition columns are stored too:
   * Iceberg partitions are hidden, readers take every value from the files.
   */
  public static int[] storedColumns(DatasetContract contract) {
    List<ColumnSpec> columns = contract.columns();
    return IntStream.range(0, columns.size()).filter(i -> isStored(columns.get(i))).toArray();
  }

  private static boolean isStored(ColumnSpec column) {
    return column.pii().mode() != Pii.PiiMode.DROP;
  }

  private static Type field(ColumnSpec column) {
    Repetition repetition = column.required() ? Repetition.REQUIRED : Repetition.OPTIONAL;
    if (column.pii().mode() != Pii.PiiMode.NONE) {
      return string(column.name(), repetition);
    }
    ColumnType type = column.type();
    return switch (type.kind()) {
      case STRING -> string(column.name(), repetition);
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
      case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(column.name());
      case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
      case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
      case DECIMAL -> decimal(column.name(), type, repetition);
      case DATE ->
          Types.primitive(PrimitiveTypeName.INT32, repetition)
              .as(LogicalTypeAnnotation.dateType())
              .named(column.name());
      case TIMESTAMP -> timestamp(column.name(), repetition);
    };
  }

  private static Type decimal(String name, ColumnType type, Repetition repetition) {
    LogicalTypeAnnotation annotation =
        LogicalTypeAnnotation.decimalType(type.scale(), type.precision());
    if (type.precision() <= 18) {
      return Types.primitive(PrimitiveTypeName.INT64, repetition).as(annotation).named(name);
    }
    return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
        .length(decimalBytes(type.precision()))
        .as(annotation)
        .named(name);
  }

  /** The fewest bytes whose two's complement holds every unscaled value of the precision. */
  static int decimalBytes(int precision) {
    BigInteger limit = BigInteger.TEN.pow(precision);
    int bytes = 1;
    while (BigInteger.ONE.shiftLeft(8 * bytes - 1).compareTo(limit) < 0) {
      bytes++;
    }
    return bytes;
  }

  private static Type string(String name, Repetition repetition) {
    return Types.primitive(PrimitiveTypeName.BINARY, repetition)
        .as(LogicalTypeAnnotation.stringType())
        .named(name);
  }

  private static Type timestamp(String name, Repetition repetition) {
    return Types.primitive(PrimitiveTypeName.INT64, repetition)
        .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS))
        .named(name);
  }
}
