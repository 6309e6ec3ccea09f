package io.strata.core.query;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Binds a {@link SqlStatement}'s typed parameters to a JDBC statement, each as its SQL type (an
 * Instant as a timestamp with time zone in UTC); the DuckDB engine and the tests that run compiled
 * SQL on DuckDB share it.
 */
public final class JdbcParameters {

  private JdbcParameters() {}

  /** DuckDB would run a statement with an unbound placeholder as NULL: refuse that instead. */
  public static void bind(PreparedStatement statement, List<Object> parameters)
      throws SQLException {
    int placeholders = statement.getParameterMetaData().getParameterCount();
    if (placeholders != parameters.size()) {
      throw new IllegalArgumentException(
          "Cannot run query: its statement has "
              + placeholders
              + " placeholders but "
              + parameters.size()
              + " parameters");
    }
    for (int i = 0; i < parameters.size(); i++) {
      int index = i + 1;
      Object parameter = parameters.get(i);
      if (parameter instanceof String value) {
        statement.setString(index, value);
      } else if (parameter instanceof Boolean value) {
        statement.setBoolean(index, value);
      } else if (parameter instanceof Integer value) {
        statement.setInt(index, value);
      } else if (parameter instanceof Long value) {
        statement.setLong(index, value);
      } else if (parameter instanceof Double value) {
        statement.setDouble(index, value);
      } else if (parameter instanceof BigDecimal value) {
        statement.setBigDecimal(index, value);
      } else if (parameter instanceof LocalDate value) {
        statement.setObject(index, value);
      } else if (parameter instanceof Instant value) {
        statement.setObject(index, value.atOffset(ZoneOffset.UTC));
      } else {
        throw new IllegalArgumentException("Cannot bind parameter " + index + ": unsupported type");
      }
    }
  }
}
