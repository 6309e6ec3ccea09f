package io.strata.core.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads history files back with an in-memory DuckDB, the local stand-in for Athena. */
final class DuckDb implements AutoCloseable {

  private final Connection connection;

  DuckDb() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("SET threads = 1");
    }
  }

  /** {@code read_parquet} of every Parquet file below the directory, Hive-partitioned. */
  static String table(Path directory) {
    return "read_parquet('"
        + directory.toAbsolutePath()
        + "/**/*.parquet', hive_partitioning=true)";
  }

  /** The glob of every Parquet file below the directory, for {@code parquet_metadata}. */
  static String glob(Path directory) {
    return "'" + directory.toAbsolutePath() + "/**/*.parquet'";
  }

  /** Every row of the query, each value as DuckDB prints it (null stays null). */
  List<List<String>> rows(String sql) throws SQLException {
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
  String value(String sql) throws SQLException {
    return rows(sql).get(0).get(0);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
