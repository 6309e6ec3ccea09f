package io.strata.core.query;

import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import java.time.Instant;
import java.util.List;

/**
 * What differs between the engines {@link SqlCompiler} writes for: where a dataset's history and
 * its batch manifests are read from, how values are masked and types are named, and how rows are
 * exported. Fragments never contain user values; their parameters are bound.
 */
public interface SqlDialect {

  /**
   * The relation (FROM item) of every history row of the dataset, exposing each of {@code columns}
   * (stored, partition and lineage columns) under its name and type.
   */
  String historyRelation(DatasetContract contract, List<QueryColumn> columns);

  /**
   * A condition on {@code "_batch_id"} keeping only rows of committed batches of the dataset; with
   * {@code asOf}, only of batches committed at or before it.
   */
  SqlStatement committedBatches(String dataset, Instant asOf);

  /** The masked form of a string column expression: all but the last four characters '*'. */
  String mask(String column);

  /** The type name for {@code CAST(NULL AS ...)}. */
  String typeName(ColumnType type);

  /** A statement writing the rows of {@code select} as Parquet files into the s3:// folder. */
  SqlStatement export(SqlStatement select, String s3Location);
}
