package io.strata.trino;

import io.strata.aws.athena.AthenaParameters;
import io.strata.core.query.JdbcParameters;
import io.strata.core.query.SqlStatement;
import io.strata.core.query.SqlText;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs compiled statements as Strata's engine adapters do: on Trino the way Athena runs a statement
 * with execution parameters ({@code PREPARE}, then {@code EXECUTE ... USING} the literals {@link
 * AthenaParameters} renders, which is what the Athena adapter sends), on DuckDB with the local
 * engine's JDBC binding in a UTC session.
 */
final class Engines implements AutoCloseable {

  /**
   * The UNLOAD the Athena dialect writes: the SELECT, the target folder and the format. Trino has
   * no UNLOAD; the SELECT inside it is what runs.
   */
  private static final Pattern UNLOAD =
      Pattern.compile(
          "(?s)UNLOAD \\((.*)\\) TO '[^']*' WITH \\(format = 'PARQUET', compression = 'SNAPPY'\\)");

  private final Connection trino;
  private final Connection duckDb;

  Engines(Connection trino) throws SQLException {
    this.trino = trino;
    this.duckDb = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = duckDb.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("SET threads = 1");
    }
  }

  /** The answer Athena's engine gives to the Athena dialect's statement. */
  Answer onTrino(SqlStatement statement) throws SQLException {
    try (Statement session = trino.createStatement()) {
      if (statement.parameters().isEmpty()) {
        try (ResultSet result = session.executeQuery(statement.sql())) {
          return Answer.read(result);
        }
      }
      session.execute("PREPARE strata_query FROM " + statement.sql());
      try (ResultSet result =
          session.executeQuery(
              "EXECUTE strata_query USING "
                  + String.join(", ", AthenaParameters.render(statement.parameters())))) {
        return Answer.read(result);
      } finally {
        session.execute("DEALLOCATE PREPARE strata_query");
      }
    }
  }

  /** The SELECT inside the Athena dialect's UNLOAD, with the UNLOAD's parameters. */
  static SqlStatement unloadedSelect(SqlStatement unload) {
    Matcher select = UNLOAD.matcher(unload.sql());
    if (!select.matches()) {
      throw new IllegalArgumentException("Not an UNLOAD of the Athena dialect: " + unload.sql());
    }
    return new SqlStatement(select.group(1), unload.parameters());
  }

  /** The answer of the local engine to the DuckDB dialect's statement. */
  Answer onDuckDb(SqlStatement statement) throws SQLException {
    try (PreparedStatement prepared = duckDb.prepareStatement(statement.sql())) {
      JdbcParameters.bind(prepared, statement.parameters());
      try (ResultSet result = prepared.executeQuery()) {
        return Answer.read(result);
      }
    }
  }

  /** Runs the DuckDB dialect's export (COPY) and reads back the Parquet files it wrote. */
  Answer exportOnDuckDb(SqlStatement copy, Path folder) throws SQLException {
    try (PreparedStatement prepared = duckDb.prepareStatement(copy.sql())) {
      JdbcParameters.bind(prepared, copy.parameters());
      prepared.execute();
    }
    String files = SqlText.literal(folder.toAbsolutePath() + "/*.parquet");
    return onDuckDb(new SqlStatement("SELECT * FROM read_parquet(" + files + ")", List.of()));
  }

  /** Runs a statement on Trino that returns nothing of interest (DDL, procedure calls). */
  void executeOnTrino(String sql) throws SQLException {
    try (Statement statement = trino.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      duckDb.close();
    } finally {
      trino.close();
    }
  }
}
