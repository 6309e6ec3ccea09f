package io.strata.core.query;

import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import io.strata.core.table.HistorySnapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Athena (engine v3, Trino) SQL over the Iceberg tables of a Glue database, one per dataset. A
 * query as of an instant reads the table {@code FOR TIMESTAMP AS OF} it, so Athena picks the
 * snapshot that was current then, as Strata's own planning does. Timestamps are Iceberg {@code
 * timestamptz}, which Athena queries at microsecond precision (AWS, "Supported data types for
 * Iceberg tables in Athena", athena/latest/ug/querying-iceberg-supported-data-types.html).
 */
public final class AthenaDialect implements SqlDialect {

  private static final DateTimeFormatter AS_OF =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS 'UTC'").withZone(ZoneOffset.UTC);

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

  /**
   * The dataset's table, {@code FOR TIMESTAMP AS OF} the snapshot's instant when the query names
   * one. The instant is a validated {@link Instant} rendered here (microseconds, UTC), never text a
   * caller sent; Athena accepts no parameter outside WHERE.
   */
  @Override
  public String historyRelation(
      DatasetContract contract, List<QueryColumn> columns, HistorySnapshot snapshot) {
    String table = table(contract.name());
    if (snapshot.asOf() == null) {
      return table;
    }
    return table + " FOR TIMESTAMP AS OF " + asOf(snapshot.asOf());
  }

  /** {@code TIMESTAMP '2024-01-16 09:00:00.000000 UTC'}: microseconds, as Iceberg keeps them. */
  static String asOf(Instant instant) {
    return "TIMESTAMP '" + AS_OF.format(instant.truncatedTo(ChronoUnit.MICROS)) + "'";
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
      case TIMESTAMP -> "timestamp(6) with time zone";
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
