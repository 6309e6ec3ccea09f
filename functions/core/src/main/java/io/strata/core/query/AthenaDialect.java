package io.strata.core.query;

import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Athena (Trino) SQL over the Glue tables of a database: one table per dataset, and {@code
 * strata_batches} over the batch manifests (one JSON line each, partition-projected by dataset).
 */
public final class AthenaDialect implements SqlDialect {

  /** The Glue table over {@code _batches/} that lists committed batches. */
  public static final String BATCHES_TABLE = "strata_batches";

  private static final Pattern DATABASE = Pattern.compile("[a-z0-9_]{1,255}");

  private final String database;

  public AthenaDialect(String database) {
    Objects.requireNonNull(database, "database");
    if (!DATABASE.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "Cannot use Athena database '" + database + "': expected [a-z0-9_]{1,255}");
    }
    this.database = database;
  }

  @Override
  public String historyRelation(DatasetContract contract, List<QueryColumn> columns) {
    return table(contract.name());
  }

  @Override
  public SqlStatement committedBatches(String dataset, Instant asOf) {
    SqlText sql =
        new SqlText()
            .text("\"_batch_id\" IN (SELECT \"batchid\" FROM " + table(BATCHES_TABLE))
            .text(" WHERE \"dataset\" = ")
            .parameter(dataset);
    if (asOf != null) {
      sql.text(" AND from_iso8601_timestamp(\"committedat\") <= ").parameter(asOf);
    }
    return sql.text(")").build();
  }

  @Override
  public String mask(String column) {
    return "CASE WHEN length("
        + column
        + ") > 4 THEN lpad(substr("
        + column
        + ", length("
        + column
        + ") - 3), length("
        + column
        + "), '*') ELSE lpad('', length("
        + column
        + "), '*') END";
  }

  @Override
  public String typeName(ColumnType type) {
    return switch (type.kind()) {
      case STRING -> "varchar";
      case BOOLEAN -> "boolean";
      case INT -> "integer";
      case LONG -> "bigint";
      case DOUBLE -> "double";
      case DECIMAL -> "decimal(" + type.precision() + "," + type.scale() + ")";
      case DATE -> "date";
      case TIMESTAMP -> "timestamp";
    };
  }

  @Override
  public SqlStatement export(SqlStatement select, String s3Location) {
    if (!SqlText.S3_FOLDER.matcher(s3Location).matches()) {
      throw new IllegalArgumentException(
          "Cannot export to '" + s3Location + "': expected an s3://bucket/folder/ location");
    }
    return new SqlText()
        .text("UNLOAD (")
        .fragment(select)
        .text(
            ") TO "
                + SqlText.literal(s3Location)
                + " WITH (format = 'PARQUET', compression = 'SNAPPY')")
        .build();
  }

  private String table(String name) {
    return SqlText.identifier(database) + "." + SqlText.identifier(name);
  }
}
