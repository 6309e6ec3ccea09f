package io.strata.core.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads history files back with an in-memory DuckDB, the local stand-in for Athena. */
public final class DuckDb implements AutoCloseable {

  private final Connection connection;

  public DuckDb() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("SET threads = 1");
    }
  }

  /**
   * {@code read_parquet} of every Parquet file below the directory, columns from the files only:
   * Iceberg's partition folders add none.
   */
  public static String table(Path directory) {
    return "read_parquet('"
        + directory.toAbsolutePath()
        + "/**/*.parquet', hive_partitioning=false, union_by_name=true)";
  }

  /** The glob of every Parquet file below the directory, for {@code parquet_metadata}. */
  public static String glob(Path directory) {
    return "'" + directory.toAbsolutePath() + "/**/*.parquet'";
  }

  /** Every row of the query, each value as DuckDB prints it (null stays null). */
  public List<List<String>> rows(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
          row.add(result.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The single value of a one-row, one-column query. */
  public String value(String sql) throws SQLException {
    return rows(sql).get(0).get(0);
  }

  /** Every row of the query as its values joined by '|', the way assertions read best. */
  public List<String> lines(String sql) throws SQLException {
    return rows(sql).stream()
        .map(row -> String.join("|", row.stream().map(String::valueOf).toList()))
        .toList();
  }

  /** {@link #lines} on a fresh connection, for a single query. */
  public static List<String> query(String sql) throws SQLException {
    try (DuckDb duckDb = new DuckDb()) {
      return duckDb.lines(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
