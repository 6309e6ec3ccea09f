package io.strata.local.query;

import io.strata.core.query.QueryEngineException;
import io.strata.core.query.ResultColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reads a DuckDB result set into memory, naming column types as Athena does and typing values for
 * JSON as {@link io.strata.core.query.ResultPage} documents.
 */
final class ResultReader {

  private ResultReader() {}

  /**
   * Reads every row, or fails once there are more than {@code maxRows}: a result that large is not
   * kept rather than silently cut short.
   */
  static KeptResult read(ResultSet resultSet, int maxRows) throws SQLException {
    ResultSetMetaData metaData = resultSet.getMetaData();
    int count = metaData.getColumnCount();
    List<ResultColumn> columns = new ArrayList<>(count);
    List<String> duckDbTypes = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      String duckDbType = metaData.getColumnTypeName(i).toUpperCase(Locale.ROOT);
      duckDbTypes.add(duckDbType);
      columns.add(new ResultColumn(metaData.getColumnLabel(i), typeName(duckDbType)));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (resultSet.next()) {
      if (rows.size() == maxRows) {
        throw new QueryEngineException(
            QueryEngineException.Reason.FAILED,
            "Cannot keep results of query: it returned more than "
                + maxRows
                + " rows; narrow it or export it");
      }
      Object[] values = new Object[count];
      for (int i = 0; i < count; i++) {
        values[i] = value(resultSet, i + 1, duckDbTypes.get(i));
      }
      rows.add(Collections.unmodifiableList(Arrays.asList(values)));
    }
    return new KeptResult(columns, rows);
  }

  /**
   * Athena's name for a DuckDB column type, e.g. {@code DECIMAL(18,2)} to {@code decimal(18,2)}.
   */
  static String typeName(String duckDbType) {
    if (duckDbType.startsWith("TIMESTAMP")) {
      return "timestamp";
    }
    return switch (duckDbType) {
      case "FLOAT" -> "float";
      default -> duckDbType.toLowerCase(Locale.ROOT).replace(", ", ",");
    };
  }

  private static Object value(ResultSet resultSet, int column, String duckDbType)
      throws SQLException {
    if (resultSet.getObject(column) == null) {
      return null;
    }
    if (duckDbType.startsWith("DECIMAL")) {
      return resultSet.getBigDecimal(column);
    }
    if (duckDbType.startsWith("TIMESTAMP WITH TIME ZONE")) {
      return resultSet.getObject(column, OffsetDateTime.class).toInstant().toString();
    }
    if (duckDbType.startsWith("TIMESTAMP")) {
      return resultSet.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC).toString();
    }
    return switch (duckDbType) {
      case "VARCHAR" -> resultSet.getString(column);
      case "BOOLEAN" -> resultSet.getBoolean(column);
      case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER" ->
          resultSet.getLong(column);
      case "UBIGINT", "HUGEINT", "UHUGEINT" -> wholeNumber(resultSet.getObject(column));
      case "FLOAT", "DOUBLE" -> number(resultSet.getDouble(column));
      case "DATE" -> resultSet.getObject(column, LocalDate.class).toString();
      default -> resultSet.getString(column);
    };
  }

  private static Object wholeNumber(Object value) {
    BigInteger big = value instanceof BigInteger b ? b : new BigInteger(value.toString());
    return big.bitLength() < Long.SIZE ? (Object) big.longValue() : new BigDecimal(big);
  }

  /** JSON has no NaN or infinities: those come out as the strings Java spells them with. */
  private static Object number(double value) {
    return Double.isFinite(value) ? (Object) value : Double.toString(value);
  }
}
