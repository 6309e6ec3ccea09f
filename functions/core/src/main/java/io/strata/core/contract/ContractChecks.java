package io.strata.core.contract;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that span fields of a contract: keys, partitions and the sequence column refer to suitable
 * columns.
 */
final class ContractChecks {

  private static final Set<ColumnType.Kind> IDENTITY_KINDS =
      EnumSet.of(
          ColumnType.Kind.DATE,
          ColumnType.Kind.STRING,
          ColumnType.Kind.INT,
          ColumnType.Kind.LONG,
          ColumnType.Kind.BOOLEAN);
  private static final Set<ColumnType.Kind> TEMPORAL_KINDS =
      EnumSet.of(ColumnType.Kind.DATE, ColumnType.Kind.TIMESTAMP);
  private static final Set<ColumnType.Kind> SEQUENCE_KINDS =
      EnumSet.of(
          ColumnType.Kind.TIMESTAMP,
          ColumnType.Kind.DATE,
          ColumnType.Kind.LONG,
          ColumnType.Kind.INT,
          ColumnType.Kind.DECIMAL);

  private ContractChecks() {}

  static void check(DatasetContract contract) {
    List<ColumnSpec> columns = contract.columns();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      if (!names.add(columns.get(i).name())) {
        throw YamlFields.problem(
            "columns[" + i + "].name", "duplicate column '" + columns.get(i).name() + "'");
      }
    }
    List<String> key = contract.key();
    Set<String> keyNames = new HashSet<>();
    for (int i = 0; i < key.size(); i++) {
      String path = "key[" + i + "]";
      if (contract.indexOf(key.get(i)) < 0) {
        throw YamlFields.problem(path, "unknown column '" + key.get(i) + "'");
      }
      if (!keyNames.add(key.get(i))) {
        throw YamlFields.problem(path, "column '" + key.get(i) + "' is listed twice");
      }
    }
    Set<String> partitionNames = new HashSet<>();
    for (int i = 0; i < contract.partitions().size(); i++) {
      checkPartition(contract, contract.partitions().get(i), "partitions[" + i + "]");
      if (!partitionNames.add(contract.partitions().get(i).name())) {
        throw YamlFields.problem(
            "partitions[" + i + "].name",
            "duplicate partition '" + contract.partitions().get(i).name() + "'");
      }
    }
    checkSequenceBy(contract);
  }

  /**
   * The sequence column orders versions of one key in the current view: it must exist for every
   * row, keep its value in history (no PII protection) and be ordered by value.
   */
  private static void checkSequenceBy(DatasetContract contract) {
    String name = contract.sequenceBy();
    if (name == null) {
      return;
    }
    String path = "sequence_by";
    ColumnSpec column =
        contract
            .column(name)
            .orElseThrow(() -> YamlFields.problem(path, "unknown column '" + name + "'"));
    if (contract.key().isEmpty()) {
      throw YamlFields.problem(
          path, "needs a business key: it orders the versions of each key, and there is no key");
    }
    if (contract.key().contains(name)) {
      throw YamlFields.problem(
          path, "column '" + name + "' is part of the key, so all versions of a key share it");
    }
    if (!SEQUENCE_KINDS.contains(column.type().kind())) {
      throw YamlFields.problem(
          path,
          "column '"
              + name
              + "' is "
              + column.type()
              + "; it must be a timestamp, date, long, int or decimal column");
    }
    if (!column.required()) {
      throw YamlFields.problem(
          path, "column '" + name + "' must be required: a version without it cannot be ordered");
    }
    if (column.pii().mode() != Pii.PiiMode.NONE) {
      throw YamlFields.problem(
          path,
          "column '" + name + "' is PII, so history does not keep its value to order versions by");
    }
  }

  private static void checkPartition(
      DatasetContract contract, PartitionSpec partition, String path) {
    ColumnSpec source =
        contract
            .column(partition.source())
            .orElseThrow(
                () ->
                    YamlFields.problem(
                        path + ".source", "unknown column '" + partition.source() + "'"));
    if (!source.required()) {
      throw YamlFields.problem(
          path + ".source", "partition source column '" + source.name() + "' must be required");
    }
    if (source.pii().mode() != Pii.PiiMode.NONE) {
      throw YamlFields.problem(
          path + ".source", "column '" + source.name() + "' is PII and cannot be a partition");
    }
    if (partition.transform() == PartitionSpec.Transform.IDENTITY) {
      if (!IDENTITY_KINDS.contains(source.type().kind())) {
        throw YamlFields.problem(
            path + ".transform",
            "identity applies only to date, string, int, long and boolean columns, not "
                + source.type());
      }
      if (!partition.name().equals(source.name())) {
        throw YamlFields.problem(
            path + ".name",
            "an identity partition is named after its source column '" + source.name() + "'");
      }
    } else {
      if (!TEMPORAL_KINDS.contains(source.type().kind())) {
        throw YamlFields.problem(
            path + ".transform",
            partition.transform().name().toLowerCase()
                + " applies only to date and timestamp columns, not "
                + source.type());
      }
      if (contract.indexOf(partition.name()) >= 0) {
        throw YamlFields.problem(
            path + ".name",
            "'" + partition.name() + "' is already a column; name the derived partition otherwise");
      }
    }
  }
}
