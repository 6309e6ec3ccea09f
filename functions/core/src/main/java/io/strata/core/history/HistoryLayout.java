package io.strata.core.history;

import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.Pii;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.schema.MessageType;

/**
 * Everything about a dataset's history files that is fixed per contract, computed once per batch:
 * schema, which contract columns are stored, their encoders and the Parquet writer properties.
 *
 * <p>Dictionary encoding stays on where values tend to repeat (strings, booleans, ints, dates and
 * the constant lineage columns) and is off for columns that are usually unique per row (a
 * single-column business key, longs, doubles, decimals, timestamps, {@code _source_line}), where
 * building a dictionary only to abandon it costs time. Statistics stay on: Athena prunes row groups
 * with their min/max.
 */
final class HistoryLayout {

  private final DatasetContract contract;
  private final MessageType schema;
  private final int[] storedColumns;
  private final ValueEncoder[] encoders;
  private final int[] maxDefinitionLevels;
  private final ParquetProperties properties;

  HistoryLayout(DatasetContract contract) {
    this.contract = contract;
    this.schema = ParquetSchemas.forContract(contract);
    this.storedColumns = ParquetSchemas.storedColumns(contract);
    this.encoders = new ValueEncoder[storedColumns.length];
    this.maxDefinitionLevels = new int[storedColumns.length];
    List<ColumnDescriptor> descriptors = schema.getColumns();
    ParquetProperties.Builder builder =
        ParquetProperties.builder()
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withStatisticsEnabled(true)
            .withDictionaryEncoding(true);
    for (int i = 0; i < storedColumns.length; i++) {
      ColumnSpec column = contract.columns().get(storedColumns[i]);
      encoders[i] = ValueEncoder.forColumn(column);
      maxDefinitionLevels[i] = descriptors.get(i).getMaxDefinitionLevel();
      builder.withDictionaryEncoding(column.name(), repeats(contract, column));
    }
    builder.withDictionaryEncoding(ParquetSchemas.SOURCE_LINE, false);
    this.properties = builder.build();
  }

  private static boolean repeats(DatasetContract contract, ColumnSpec column) {
    if (contract.key().equals(List.of(column.name()))) {
      return false;
    }
    if (column.pii().mode() != Pii.PiiMode.NONE) {
      return true;
    }
    ColumnType.Kind kind = column.type().kind();
    return switch (kind) {
      case STRING, BOOLEAN, INT, DATE -> true;
      case LONG, DOUBLE, DECIMAL, TIMESTAMP -> false;
    };
  }

  /**
   * Rejects a row that misses a value of a required stored column or has the wrong width, before
   * any of it is written.
   */
  void check(Object[] values) {
    if (values.length != contract.columns().size()) {
      throw new IllegalArgumentException(
          "Cannot write row of dataset "
              + contract.name()
              + ": expected "
              + contract.columns().size()
              + " values, got "
              + values.length);
    }
    for (int i = 0; i < storedColumns.length; i++) {
      if (maxDefinitionLevels[i] == 0 && values[storedColumns[i]] == null) {
        throw new IllegalArgumentException(
            "Cannot write row of dataset "
                + contract.name()
                + ": required column "
                + contract.columns().get(storedColumns[i]).name()
                + " has no value");
      }
    }
  }

  MessageType schema() {
    return schema;
  }

  int[] storedColumns() {
    return storedColumns;
  }

  ValueEncoder[] encoders() {
    return encoders;
  }

  int[] maxDefinitionLevels() {
    return maxDefinitionLevels;
  }

  ParquetProperties properties() {
    return properties;
  }

  Map<String, String> footerMetadata() {
    return Map.of(
        "strata.dataset", contract.name(), "strata.contract.version", "" + contract.version());
  }
}
