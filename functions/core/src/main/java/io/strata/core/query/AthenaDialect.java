package io.strata.core.query;

import static io.strata.core.table.TableSchemas.columnType;

import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import io.strata.core.table.HistorySnapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

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

  private static final Pattern DATABASE = Pattern.compile("[a-z0-9_]{1,247}");

  private final String database;

  public AthenaDialect(String database) {
    Objects.requireNonNull(database, "database");
    if (!DATABASE.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "Cannot use Athena database '"
              + database
              + "': expected [a-z0-9_]{1,247} (with _current appended, Glue's 255)");
    }
    this.database = database;
  }

  /**
   * The dataset's table, {@code FOR TIMESTAMP AS OF} the snapshot's instant when the query names
   * one. The instant is a validated {@link Instant} rendered here (microseconds, UTC), never text a
   * caller sent; Athena accepts no parameter outside WHERE.
   *
   * <p>Athena's engine reads a table as of an instant with the schema of that snapshot, and the
   * latest table with its current schema (Trino: "use table schema corresponding to snapshot",
   * trinodb/trino#12786). Where that schema lacks a column of the query (added by a later contract,
   * or not written yet) or holds it under an older type (before a widening), the table is wrapped
   * in a projection giving each column as the table's current schema types it, NULL where absent:
   * the answer is then the one DuckDB gives over the same snapshot, and the query runs at all.
   */
  @Override
  public String historyRelation(
      DatasetContract contract, List<QueryColumn> columns, HistorySnapshot snapshot) {
    String table = table(database, contract.name());
    String relation =
        snapshot.asOf() == null ? table : table + " FOR TIMESTAMP AS OF " + asOf(snapshot.asOf());
    Schema current = snapshot.table().schema();
    Schema read = snapshot.asOf() == null ? current : schemaOf(snapshot);
    return projected(relation, columns, current, read);
  }

  /**
   * The dataset's current table in the database {@code <database>_current}, {@code FOR VERSION AS
   * OF} the snapshot that reflects the history snapshot the query reads (an id Strata read from the
   * catalog, never caller text): a batch committed meanwhile does not change the answer. Columns
   * are typed as the history table types them, so both relations answer alike.
   */
  @Override
  public String currentRelation(
      DatasetContract contract, List<QueryColumn> columns, HistorySnapshot snapshot) {
    HistorySnapshot current = snapshot.currentTable();
    String relation =
        table(database + "_current", contract.name())
            + " FOR VERSION AS OF "
            + current.snapshot().snapshotId();
    return projected(relation, columns, snapshot.table().schema(), schemaOf(current));
  }

  /**
   * The relation as is when it stores every column under the type {@code latest} gives it;
   * otherwise wrapped in a projection giving each column so, NULL where {@code read} lacks it.
   */
  private String projected(
      String relation, List<QueryColumn> columns, Schema latestSchema, Schema read) {
    Schema current = latestSchema;
    StringJoiner outputs = new StringJoiner(", ");
    boolean asStored = true;
    for (QueryColumn column : columns) {
      String name = SqlText.identifier(column.name());
      Types.NestedField latest = current.findField(column.name());
      String type = typeName(latest == null ? column.type() : columnType(latest.type()));
      Types.NestedField stored = read.findField(column.name());
      if (stored == null) {
        outputs.add("CAST(NULL AS " + type + ") AS " + name);
        asStored = false;
      } else if (!typeName(columnType(stored.type())).equals(type)) {
        outputs.add(widened(name, stored.type(), type) + " AS " + name);
        asStored = false;
      } else {
        outputs.add(name);
      }
    }
    return asStored ? relation : "(SELECT " + outputs + " FROM " + relation + ")";
  }

  /**
   * The table of the given Glue database {@code FOR VERSION AS OF} the snapshot's id, so the rows
   * are exactly those of the snapshot the caller checked, whatever was committed since.
   */
  @Override
  public String snapshotRelation(
      String namespace, String table, List<QueryColumn> columns, HistorySnapshot snapshot) {
    if (!DATABASE.matcher(namespace).matches() || !DATABASE.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "Cannot read table " + namespace + "." + table + ": expected [a-z0-9_]{1,255} names");
    }
    StringJoiner outputs = new StringJoiner(", ");
    columns.forEach(c -> outputs.add(SqlText.identifier(c.name())));
    return "(SELECT "
        + outputs
        + " FROM "
        + SqlText.identifier(namespace)
        + "."
        + SqlText.identifier(table)
        + " FOR VERSION AS OF "
        + snapshot.snapshot().snapshotId()
        + ")";
  }

  /**
   * A column stored under a narrower type, as the wider one. An int widened to bigint gets {@code +
   * 0}: Trino 476 fails a query as of a snapshot before such a widening whenever a predicate on the
   * column reaches the table scan (a ClassCastException turning the files' int statistics into
   * bigint, "Error processing metadata for table"; trinodb/trino#23601 has the family), and it
   * pushes no predicate through an addition. Decimals that gained precision read fine.
   */
  private static String widened(String name, Type stored, String type) {
    String cast = "CAST(" + name + " AS " + type + ")";
    return stored.typeId() == Type.TypeID.INTEGER ? cast + " + 0" : cast;
  }

  /** The schema the snapshot was written with; the table's current one if it names none. */
  private static Schema schemaOf(HistorySnapshot snapshot) {
    Integer id = snapshot.snapshot().schemaId();
    Schema schema = id == null ? null : snapshot.table().schemas().get(id);
    return schema == null ? snapshot.table().schema() : schema;
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

  private static String table(String database, String name) {
    return SqlText.identifier(database) + "." + SqlText.identifier(name);
  }
}
