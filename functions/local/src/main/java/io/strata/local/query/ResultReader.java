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
   * Athena's name for the type of a DuckDB result column, as Trino (Athena engine v3) would type
   * the same expression: {@code DECIMAL(18,2)} is {@code decimal(18,2)}, {@code VARCHAR} is {@code
   * varchar}. DuckDB widens where Trino does not: {@code sum} of integers and {@code count_if} are
   * {@code HUGEINT} in DuckDB and {@code bigint} in Trino, so 128-bit integers are named {@code
   * bigint} (a value beyond its range, which Trino would refuse with an overflow, still comes back
   * exact). Unsigned integers take the next signed type that holds them; nested types are named
   * recursively ({@code INTEGER[]} is {@code array(integer)}).
   */
  static String typeName(String duckDbType) {
    String type = duckDbType.trim().toUpperCase(Locale.ROOT);
    if (type.endsWith("[]")) {
      return "array(" + typeName(type.substring(0, type.length() - 2)) + ")";
    }
    if (type.startsWith("DECIMAL")) {
      return type.toLowerCase(Locale.ROOT).replace(" ", "");
    }
    if (type.startsWith("TIMESTAMP")) {
      // History files store UTC instants, which DuckDB reads WITH TIME ZONE; the catalog declares
      // them timestamp, and that is what Athena names them.
      return "timestamp";
    }
    if (type.startsWith("STRUCT(") && type.endsWith(")")) {
      return "row(" + nested(type.substring(7, type.length() - 1), true) + ")";
    }
    if (type.startsWith("MAP(") && type.endsWith(")")) {
      return "map(" + nested(type.substring(4, type.length() - 1), false) + ")";
    }
    if (type.startsWith("ENUM")) {
      return "varchar";
    }
    return switch (type) {
      case "BOOLEAN" -> "boolean";
      case "TINYINT" -> "tinyint";
      case "SMALLINT", "UTINYINT" -> "smallint";
      case "INTEGER", "USMALLINT" -> "integer";
      case "BIGINT", "UINTEGER", "HUGEINT" -> "bigint";
      case "UBIGINT" -> "decimal(20,0)";
      case "UHUGEINT" -> "decimal(38,0)";
      case "FLOAT" -> "float";
      case "DOUBLE" -> "double";
      case "VARCHAR" -> "varchar";
      case "BLOB", "BIT" -> "varbinary";
      case "DATE" -> "date";
      case "TIME" -> "time";
      case "TIME WITH TIME ZONE" -> "time with time zone";
      case "INTERVAL" -> "interval day to second";
      case "UUID" -> "uuid";
      case "JSON" -> "json";
      default -> type.toLowerCase(Locale.ROOT);
    };
  }

  /** The members of a STRUCT (named) or MAP (key, value), each named the Athena way. */
  private static String nested(String members, boolean named) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < members.length(); i++) {
      char c = members.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(members.substring(start, i).trim());
        start = i + 1;
      }
    }
    parts.add(members.substring(start).trim());
    List<String> named2 = new ArrayList<>();
    for (String part : parts) {
      if (named) {
        int space = part.indexOf(' ');
        String name = part.substring(0, space).replace("\"", "").toLowerCase(Locale.ROOT);
        named2.add(name + " " + typeName(part.substring(space + 1)));
      } else {
        named2.add(typeName(part));
      }
    }
    return String.join(", ", named2);
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
