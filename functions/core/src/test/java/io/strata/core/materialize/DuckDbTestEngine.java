package io.strata.core.materialize;

import io.strata.core.query.JdbcParameters;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryEngineException;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.ResultColumn;
import io.strata.core.query.ResultPage;
import io.strata.core.query.SqlStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful stand-in for the query engine port: runs each statement on its own DuckDB connection
 * when started, keeps the rows, and names column types and types values as the local engine does.
 * {@code delay} holds every query back, so concurrent refreshes all run before any commits.
 */
final class DuckDbTestEngine implements QueryEngine {

  private final Map<String, QueryStatus> statuses = new ConcurrentHashMap<>();
  private final Map<String, ResultPage> results = new ConcurrentHashMap<>();
  private final AtomicInteger started = new AtomicInteger();
  private final Duration delay;

  DuckDbTestEngine(Duration delay) {
    this.delay = delay;
  }

  /** Queries started so far. */
  int started() {
    return started.get();
  }

  @Override
  public String start(SqlStatement statement, String requestToken, boolean reuseResults) {
    String id = "q" + started.incrementAndGet();
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
        Statement settings = duckDb.createStatement();
        PreparedStatement prepared = duckDb.prepareStatement(statement.sql())) {
      settings.execute("SET TimeZone = 'UTC'");
      JdbcParameters.bind(prepared, statement.parameters());
      try (ResultSet rows = prepared.executeQuery()) {
        results.put(id, read(rows));
      }
      statuses.put(id, status(id, QueryState.SUCCEEDED, statement));
    } catch (SQLException e) {
      statuses.put(id, status(id, QueryState.FAILED, statement));
    }
    return id;
  }

  @Override
  public QueryStatus status(String queryId) {
    QueryStatus status = statuses.get(queryId);
    if (status == null) {
      throw new QueryEngineException(QueryEngineException.Reason.NOT_FOUND, "no " + queryId);
    }
    return status;
  }

  @Override
  public ResultPage results(String queryId, String pageToken, int pageSize) {
    ResultPage all = results.get(queryId);
    int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
    int to = Math.min(all.rows().size(), from + pageSize);
    return new ResultPage(
        all.columns(),
        all.rows().subList(from, to),
        to < all.rows().size() ? Integer.toString(to) : null);
  }

  private static QueryStatus status(String id, QueryState state, SqlStatement statement) {
    return new QueryStatus(id, state, statement.sql(), null, 0, null, Instant.now(), Instant.now());
  }

  private static ResultPage read(ResultSet rows) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    List<ResultColumn> columns = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String type = meta.getColumnTypeName(i).toUpperCase(Locale.ROOT);
      types.add(type);
      columns.add(new ResultColumn(meta.getColumnLabel(i), typeName(type)));
    }
    List<List<Object>> values = new ArrayList<>();
    while (rows.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= columns.size(); i++) {
        row.add(rows.getObject(i) == null ? null : value(rows, i, types.get(i - 1)));
      }
      values.add(row);
    }
    return new ResultPage(columns, values, null);
  }

  private static String typeName(String type) {
    if (type.endsWith("[]")) {
      return "array(" + typeName(type.substring(0, type.length() - 2)) + ")";
    }
    if (type.startsWith("DECIMAL")) {
      return type.toLowerCase(Locale.ROOT).replace(" ", "");
    }
    if (type.startsWith("TIMESTAMP")) {
      return "timestamp";
    }
    return switch (type) {
      case "HUGEINT", "BIGINT" -> "bigint";
      default -> type.toLowerCase(Locale.ROOT);
    };
  }

  private static Object value(ResultSet rows, int i, String type) throws SQLException {
    if (type.startsWith("DECIMAL")) {
      return rows.getBigDecimal(i);
    }
    if (type.startsWith("TIMESTAMP")) {
      return rows.getObject(i, OffsetDateTime.class).toInstant().toString();
    }
    return switch (type) {
      case "VARCHAR" -> rows.getString(i);
      case "BOOLEAN" -> rows.getBoolean(i);
      case "INTEGER", "BIGINT", "HUGEINT", "SMALLINT" -> rows.getLong(i);
      case "DOUBLE" -> rows.getDouble(i);
      case "DATE" -> rows.getObject(i, LocalDate.class).toString();
      default -> rows.getString(i);
    };
  }
}
