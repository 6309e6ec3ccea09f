package io.strata.core.query;

import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import io.strata.core.table.HistorySnapshot;
import java.util.List;
import java.util.StringJoiner;

/**
 * What differs between the engines {@link SqlCompiler} writes for: where a dataset's history is
 * read from at a snapshot, how values are masked and types are named, and how rows are exported.
 * Fragments never contain user values; their parameters are bound.
 */
public interface SqlDialect {

  /**
   * The relation (FROM item) of every row of the dataset's table at the snapshot, exposing each of
   * {@code columns} (stored and lineage columns) under its name.
   */
  String historyRelation(
      DatasetContract contract, List<QueryColumn> columns, HistorySnapshot snapshot);

  /**
   * The relation of every row of the dataset's current table, {@code snapshot.currentTable()}: the
   * latest version of each key at {@code snapshot}, with the same columns as {@link
   * #historyRelation}. By default the current table is read as a history table is.
   */
  default String currentRelation(
      DatasetContract contract, List<QueryColumn> columns, HistorySnapshot snapshot) {
    return historyRelation(contract, columns, snapshot.currentTable());
  }

  /**
   * The relation of every row of another table Strata writes (a materialized report's, in its own
   * namespace) at exactly the given snapshot, exposing each of {@code columns} under its name.
   */
  String snapshotRelation(
      String namespace, String table, List<QueryColumn> columns, HistorySnapshot snapshot);

  /** The masked form of a string column expression: all but the last four characters '*'. */
  String mask(String column);

  /** The type name for {@code CAST(NULL AS ...)}. */
  String typeName(ColumnType type);

  /** A statement writing the rows of {@code select} as Parquet files into the s3:// folder. */
  SqlStatement export(SqlStatement select, String s3Location);

  /** A relation with the columns and no row: a dataset with nothing committed (at that time). */
  default String emptyRelation(List<QueryColumn> columns) {
    StringJoiner empty = new StringJoiner(", ", "(SELECT ", " WHERE FALSE)");
    for (QueryColumn column : columns) {
      empty.add(
          "CAST(NULL AS " + typeName(column.type()) + ") AS " + SqlText.identifier(column.name()));
    }
    return empty.toString();
  }
}
