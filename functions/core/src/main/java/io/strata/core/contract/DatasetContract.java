package io.strata.core.contract;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One dataset's contract: how its raw files are parsed, what every column must satisfy, how rows
 * are keyed and partitioned, how PII is protected and how many rejects a file may have. Loaded from
 * {@code datasets/<name>.yaml} by {@link ContractLoader}.
 *
 * @param version incremented by the owner on every change; recorded in manifests and the catalog
 * @param key the business key columns (unique within a file); may be empty
 * @param sequenceBy the column that orders a business key's versions before their arrival time in
 *     the current view (e.g. {@code updated_at}), so late or re-sent data cannot override newer
 *     facts; null to order by arrival alone
 * @param history how long past snapshots stay readable for time travel ({@link
 *     HistoryPolicy#FOREVER} by default)
 * @param quality the anomaly rules judged against the last batches before each commit; may be empty
 */
public record DatasetContract(
    String name,
    int version,
    String description,
    SourceFormat format,
    CsvOptions csv,
    List<ColumnSpec> columns,
    List<String> key,
    List<PartitionSpec> partitions,
    ErrorPolicy errorPolicy,
    ExtraColumnPolicy extraColumns,
    SchemaEvolution schemaEvolution,
    String sequenceBy,
    HistoryPolicy history,
    List<QualityRule> quality) {

  /** A contract that keeps its history forever, without quality rules. */
  public DatasetContract(
      String name,
      int version,
      String description,
      SourceFormat format,
      CsvOptions csv,
      List<ColumnSpec> columns,
      List<String> key,
      List<PartitionSpec> partitions,
      ErrorPolicy errorPolicy,
      ExtraColumnPolicy extraColumns,
      SchemaEvolution schemaEvolution,
      String sequenceBy) {
    this(
        name,
        version,
        description,
        format,
        csv,
        columns,
        key,
        partitions,
        errorPolicy,
        extraColumns,
        schemaEvolution,
        sequenceBy,
        HistoryPolicy.FOREVER,
        List.of());
  }

  /** A contract whose current view orders versions by arrival alone. */
  public DatasetContract(
      String name,
      int version,
      String description,
      SourceFormat format,
      CsvOptions csv,
      List<ColumnSpec> columns,
      List<String> key,
      List<PartitionSpec> partitions,
      ErrorPolicy errorPolicy,
      ExtraColumnPolicy extraColumns,
      SchemaEvolution schemaEvolution) {
    this(
        name,
        version,
        description,
        format,
        csv,
        columns,
        key,
        partitions,
        errorPolicy,
        extraColumns,
        schemaEvolution,
        null);
  }

  public DatasetContract {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(csv, "csv");
    Objects.requireNonNull(errorPolicy, "errorPolicy");
    Objects.requireNonNull(extraColumns, "extraColumns");
    Objects.requireNonNull(schemaEvolution, "schemaEvolution");
    description = description == null ? "" : description;
    history = history == null ? HistoryPolicy.FOREVER : history;
    columns = List.copyOf(columns);
    key = List.copyOf(key);
    partitions = List.copyOf(partitions);
    quality = quality == null ? List.of() : List.copyOf(quality);
    if (columns.isEmpty()) {
      throw new ContractException("Contract " + name + " declares no columns");
    }
  }

  /** The column with this name, if the contract declares it. */
  public Optional<ColumnSpec> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** Index of the column in {@link #columns()}, or -1. */
  public int indexOf(String columnName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(columnName)) {
        return i;
      }
    }
    return -1;
  }
}
