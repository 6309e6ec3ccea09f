package io.strata.core.query;

import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * DuckDB SQL over the local lake's files: history Parquet read with Hive partitioning (partition
 * columns typed as the catalog declares them), committed batches read from the manifests. DuckDB
 * fails on a glob that matches nothing, so a dataset without files (or without manifests) is
 * compiled to an empty relation (or a false condition) instead; the check happens when the
 * statement is compiled.
 */
public final class DuckDbDialect implements SqlDialect {

  private final Path dataDir;
  private final String historyBucket;

  /** dataDir holds one directory per bucket (s3proxy's filesystem layout: dataDir/bucket/key). */
  public DuckDbDialect(Path dataDir, String historyBucket) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
    this.historyBucket = Objects.requireNonNull(historyBucket, "historyBucket");
  }

  @Override
  public String historyRelation(DatasetContract contract, List<QueryColumn> columns) {
    Path directory = dataDir.resolve(historyBucket).resolve(contract.name());
    if (!containsParquet(directory)) {
      StringJoiner empty = new StringJoiner(", ", "(SELECT ", " WHERE FALSE)");
      for (QueryColumn column : columns) {
        empty.add(
            "CAST(NULL AS "
                + typeName(column.type())
                + ") AS "
                + SqlText.identifier(column.name()));
      }
      return empty.toString();
    }
    StringBuilder relation =
        new StringBuilder("read_parquet(")
            .append(SqlText.literal(directory + "/**/*.parquet"))
            .append(", hive_partitioning = true, union_by_name = true");
    StringJoiner hiveTypes = new StringJoiner(", ", ", hive_types = {", "}");
    hiveTypes.setEmptyValue("");
    for (QueryColumn column : columns) {
      if (column.kind() == QueryColumn.Kind.PARTITION) {
        hiveTypes.add(SqlText.literal(column.name()) + ": " + typeName(column.type()));
      }
    }
    return relation.append(hiveTypes).append(")").toString();
  }

  @Override
  public SqlStatement committedBatches(String dataset, Instant asOf) {
    Path manifests = dataDir.resolve(historyBucket).resolve("_batches").resolve(dataset);
    if (!containsManifest(manifests)) {
      return new SqlStatement("FALSE", List.of());
    }
    SqlText sql =
        new SqlText()
            .text("\"_batch_id\" IN (SELECT \"batchId\" FROM read_json(")
            .text(SqlText.literal(manifests + "/*.json"))
            .text(", columns = {'batchId': 'VARCHAR', 'committedAt': 'VARCHAR'})");
    if (asOf != null) {
      sql.text(" WHERE CAST(\"committedAt\" AS TIMESTAMPTZ) <= ").parameter(asOf);
    }
    return sql.text(")").build();
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

  private static boolean containsParquet(Path directory) {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files.anyMatch(
          p -> p.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(p));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list history files in " + directory, e);
    }
  }

  private static boolean containsManifest(Path directory) {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (DirectoryStream<Path> manifests = Files.newDirectoryStream(directory, "*.json")) {
      return manifests.iterator().hasNext();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list batch manifests in " + directory, e);
    }
  }
}
