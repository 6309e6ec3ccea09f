package io.strata.core.query;

import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import io.strata.core.table.HistorySnapshot;
import io.strata.core.table.S3Location;
import io.strata.core.table.TableSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * DuckDB SQL over the local lake's files: the data files Iceberg plans for the snapshot, read with
 * {@code read_parquet} from the in-process S3 server's folders. Columns are matched by Iceberg
 * field id, not by name, with the table's current types ({@code schema = MAP {id: {name, type,
 * default_value}}}), so files written before a column was added or widened still read, and Hive
 * partition folders add no columns. A snapshot without data files reads as an empty relation:
 * DuckDB refuses an empty file list.
 */
public final class DuckDbDialect implements SqlDialect {

  /** A {@code read_parquet} file list as {@link #from} writes it: quoted literals, ", " apart. */
  private static final Pattern FILE_LIST =
      Pattern.compile("read_parquet\\(\\[(?:'(?:[^']|'')*+'(?:, )?)*+\\]");

  private final Path dataDir;

  /** dataDir holds one directory per bucket (s3proxy's filesystem layout: dataDir/bucket/key). */
  public DuckDbDialect(Path dataDir) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
  }

  @Override
  public String historyRelation(
      DatasetContract contract, List<QueryColumn> columns, HistorySnapshot snapshot) {
    return filesRelation(columns, snapshot);
  }

  /** The snapshot's planned files, as for history: the namespace and name locate no file here. */
  @Override
  public String snapshotRelation(
      String namespace, String table, List<QueryColumn> columns, HistorySnapshot snapshot) {
    return filesRelation(columns, snapshot);
  }

  private String filesRelation(List<QueryColumn> columns, HistorySnapshot snapshot) {
    List<String> files = snapshot.dataFiles();
    if (files.isEmpty()) {
      return emptyRelation(columns);
    }
    Schema schema = snapshot.table().schema();
    StringJoiner list = new StringJoiner(", ", "[", "]");
    files.forEach(f -> list.add(SqlText.literal(localPath(f).toString())));
    StringJoiner fields = new StringJoiner(", ", "MAP {", "}");
    StringJoiner outputs = new StringJoiner(", ");
    for (QueryColumn column : columns) {
      String name = SqlText.identifier(column.name());
      Types.NestedField field = schema.findField(column.name());
      if (field == null) {
        // A column of a newer contract that no batch has written yet.
        outputs.add("CAST(NULL AS " + typeName(column.type()) + ") AS " + name);
        continue;
      }
      fields.add(
          field.fieldId()
              + ": {name: "
              + SqlText.literal(column.name())
              + ", type: "
              + SqlText.literal(typeName(TableSchemas.columnType(field.type())))
              + ", default_value: NULL}");
      outputs.add(name);
    }
    return "(SELECT "
        + outputs
        + " FROM read_parquet("
        + list
        + ", schema = "
        + fields
        + ", hive_partitioning = false))";
  }

  /**
   * The statement text with its snapshots' file lists left out. A query without {@code asOf} reads
   * the latest snapshot, so its text changes with every commit; what a retry of the same request
   * must still match is the rest (columns, filters, order, limit).
   */
  public static String withoutFileLists(String sql) {
    return FILE_LIST.matcher(sql).replaceAll("read_parquet([…]");
  }

  /** Where the local S3 server keeps {@code s3://bucket/key}: {@code dataDir/bucket/key}. */
  private Path localPath(String location) {
    S3Location object = S3Location.of(location);
    Path file = dataDir.resolve(object.bucket()).resolve(object.key()).normalize();
    if (!file.startsWith(dataDir)) {
      throw new IllegalArgumentException(
          "Cannot read data file '" + location + "': it leaves the data directory");
    }
    return file;
  }

  @Override
  public String mask(String column) {
    String length = "CAST(length(" + column + ") AS INTEGER)";
    return "CASE WHEN length("
        + column
        + ") > 4 THEN lpad(substr("
        + column
        + ", length("
        + column
        + ") - 3), "
        + length
        + ", '*') ELSE lpad('', "
        + length
        + ", '*') END";
  }

  @Override
  public String typeName(ColumnType type) {
    return switch (type.kind()) {
      case STRING -> "VARCHAR";
      case BOOLEAN -> "BOOLEAN";
      case INT -> "INTEGER";
      case LONG -> "BIGINT";
      case DOUBLE -> "DOUBLE";
      case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMPTZ";
    };
  }

  /**
   * {@code COPY} into the folder's directory under dataDir; creates the directories above it, which
   * DuckDB does not.
   */
  @Override
  public SqlStatement export(SqlStatement select, String s3Location) {
    Matcher folder = SqlText.S3_FOLDER.matcher(s3Location);
    if (!folder.matches()) {
      throw new IllegalArgumentException(
          "Cannot export to '" + s3Location + "': expected an s3://bucket/folder/ location");
    }
    String key = folder.group(2);
    Path target = dataDir.resolve(folder.group(1)).resolve(key.substring(0, key.length() - 1));
    if (!target.normalize().startsWith(dataDir)) {
      throw new IllegalArgumentException(
          "Cannot export to '" + s3Location + "': it leaves the data directory");
    }
    try {
      Files.createDirectories(target.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create export directory " + target.getParent(), e);
    }
    return new SqlText()
        .text("COPY (")
        .fragment(select)
        .text(
            ") TO "
                + SqlText.literal(target.toString())
                + " (FORMAT PARQUET, PER_THREAD_OUTPUT true)")
        .build();
  }
}
