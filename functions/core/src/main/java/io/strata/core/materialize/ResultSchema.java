package io.strata.core.materialize;

import io.strata.core.contract.ColumnType;
import io.strata.core.query.ResultColumn;
import io.strata.core.table.TableSchemas;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg schema of a report's result, from the column types the engine names (Athena's names,
 * which the local engine uses too), plus {@link #ROW}: the row's place in the result, so a read of
 * the table gives the rows in the report's own order. Each value of a result page becomes the Java
 * value its Iceberg type stores.
 */
final class ResultSchema {

  /** The column holding each row's place in the report's result (0, 1, …). */
  static final String ROW = "_strata_row";

  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");
  private static final Pattern SIZED = Pattern.compile("(varchar|char|timestamp)\\(\\d+\\)");

  private final List<ColumnType> types;
  private final Schema schema;

  private ResultSchema(List<ColumnType> types, Schema schema) {
    this.types = types;
    this.schema = schema;
  }

  /**
   * The schema of a result with these columns.
   *
   * @throws IllegalArgumentException naming a column whose type or name a table cannot hold
   */
  static ResultSchema of(List<ResultColumn> columns) {
    List<ColumnType> types = new ArrayList<>();
    List<Types.NestedField> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int id = 1;
    for (ResultColumn column : columns) {
      if (column.name().equals(ROW) || !names.add(column.name())) {
        throw new IllegalArgumentException(
            "column "
                + column.name()
                + (column.name().equals(ROW) ? " is reserved" : " appears twice")
                + "; give each output column its own name with AS");
      }
      ColumnType type = columnType(column);
      types.add(type);
      fields.add(Types.NestedField.optional(id++, column.name(), TableSchemas.type(type)));
    }
    fields.add(Types.NestedField.required(id, ROW, Types.LongType.get()));
    return new ResultSchema(List.copyOf(types), new Schema(fields));
  }

  Schema schema() {
    return schema;
  }

  /** The report's output columns, in order (without {@link #ROW}). */
  List<Types.NestedField> outputs() {
    return schema.columns().subList(0, types.size());
  }

  /** A page value of column {@code index} as its Iceberg type stores it, or null. */
  Object value(int index, Object value) {
    if (value == null) {
      return null;
    }
    ColumnType type = types.get(index);
    return switch (type.kind()) {
      case STRING -> value.toString();
      case BOOLEAN -> (Boolean) value;
      case INT -> Math.toIntExact(((Number) value).longValue());
      case LONG ->
          value instanceof BigDecimal big ? big.longValueExact() : ((Number) value).longValue();
      case DOUBLE ->
          value instanceof Number number
              ? number.doubleValue()
              : Double.parseDouble(value.toString());
      case DECIMAL ->
          (value instanceof BigDecimal big ? big : new BigDecimal(value.toString()))
              .setScale(type.scale());
      case DATE -> LocalDate.parse(value.toString());
      case TIMESTAMP -> Instant.parse(value.toString());
    };
  }

  private static ColumnType columnType(ResultColumn column) {
    String type = column.type().toLowerCase(Locale.ROOT).trim();
    Matcher sized = SIZED.matcher(type);
    if (sized.matches()) {
      type = sized.group(1);
    }
    Matcher decimal = DECIMAL.matcher(type);
    if (decimal.matches()) {
      return ColumnType.decimal(
          Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
    }
    return switch (type) {
      case "varchar", "char", "string" -> ColumnType.of(ColumnType.Kind.STRING);
      case "boolean" -> ColumnType.of(ColumnType.Kind.BOOLEAN);
      case "tinyint", "smallint", "integer", "int" -> ColumnType.of(ColumnType.Kind.INT);
      case "bigint" -> ColumnType.of(ColumnType.Kind.LONG);
      case "real", "float", "double" -> ColumnType.of(ColumnType.Kind.DOUBLE);
      case "date" -> ColumnType.of(ColumnType.Kind.DATE);
      case "timestamp", "timestamp with time zone" -> ColumnType.of(ColumnType.Kind.TIMESTAMP);
      default ->
          throw new IllegalArgumentException(
              "column "
                  + column.name()
                  + " has type "
                  + column.type()
                  + ", which a materialized table does not hold (strings, booleans, whole and"
                  + " decimal numbers, doubles, dates and timestamps); cast it in the report");
    };
  }
}
