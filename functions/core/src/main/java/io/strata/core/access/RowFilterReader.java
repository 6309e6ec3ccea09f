package io.strata.core.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.Pii;
import io.strata.core.contract.YamlFields;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one role's row filter: a column of the dataset, an operator of {@link FilterOperator} and
 * values typed as the column is, never SQL text.
 */
final class RowFilterReader {

  private static final Set<String> FILTER_KEYS = Set.of("column", "operator", "value", "values");

  private RowFilterReader() {}

  /** The row filter at {@code path}, for a dataset of {@code contract}. */
  static RowFilter read(JsonNode node, String path, DatasetContract contract) {
    YamlFields fields = YamlFields.of(node, path, FILTER_KEYS);
    String name = fields.text("column");
    ColumnSpec column =
        contract
            .column(name)
            .orElseThrow(
                () ->
                    AccessPolicyReader.problem(
                        fields.at("column"),
                        "unknown column " + name + " in dataset " + contract.name()));
    if (column.pii().mode() != Pii.PiiMode.NONE) {
      throw AccessPolicyReader.problem(
          fields.at("column"),
          "column "
              + name
              + " holds PII ("
              + column.pii().mode().name().toLowerCase(Locale.ROOT)
              + "); its stored values cannot be filtered on");
    }
    String symbol = fields.text("operator");
    FilterOperator operator =
        FilterOperator.fromSymbol(symbol)
            .orElseThrow(
                () ->
                    AccessPolicyReader.problem(
                        fields.at("operator"),
                        "unknown operator '"
                            + symbol
                            + "' (expected one of "
                            + String.join(", ", FilterOperator.symbols())
                            + ")"));
    if (operator.ordering() && column.type().kind() == ColumnType.Kind.BOOLEAN) {
      throw AccessPolicyReader.problem(
          fields.at("operator"), "'" + symbol + "' does not apply to boolean column " + name);
    }
    List<Object> values = new ArrayList<>();
    if (operator.multiValued()) {
      if (fields.has("value")) {
        throw AccessPolicyReader.problem(
            fields.at("value"), "'" + symbol + "' takes a list: use values");
      }
      List<JsonNode> items = fields.list("values");
      if (items.isEmpty()) {
        throw AccessPolicyReader.problem(
            fields.at("values"), "'" + symbol + "' needs at least one value");
      }
      for (int i = 0; i < items.size(); i++) {
        values.add(typed(items.get(i), column.type(), fields.at("values") + "[" + i + "]"));
      }
    } else {
      if (fields.has("values")) {
        throw AccessPolicyReader.problem(
            fields.at("values"), "'" + symbol + "' takes one value: use value");
      }
      if (!fields.has("value")) {
        throw AccessPolicyReader.problem(fields.at("value"), "is required");
      }
      values.add(typed(fields.get("value"), column.type(), fields.at("value")));
    }
    return new RowFilter(name, operator, values);
  }

  /** The YAML value as the Java type of the column (see {@link ColumnType}). */
  private static Object typed(JsonNode node, ColumnType type, String path) {
    if (node == null || !node.isValueNode() || node.isNull()) {
      throw AccessPolicyReader.problem(path, "must be a single value");
    }
    String text = node.asText();
    Optional<Object> value =
        switch (type.kind()) {
          case STRING -> node.isTextual() || node.isNumber() ? Optional.of(text) : Optional.empty();
          case BOOLEAN -> node.isBoolean() ? Optional.of(node.booleanValue()) : Optional.empty();
          case INT ->
              node.isIntegralNumber() && node.canConvertToInt()
                  ? Optional.of(node.intValue())
                  : Optional.empty();
          case LONG ->
              node.isIntegralNumber() && node.canConvertToLong()
                  ? Optional.of(node.longValue())
                  : Optional.empty();
          case DOUBLE -> node.isNumber() ? Optional.of(node.doubleValue()) : Optional.empty();
          case DECIMAL -> decimal(node, type);
          case DATE -> date(node);
          case TIMESTAMP -> timestamp(node);
        };
    return value.orElseThrow(
        () ->
            AccessPolicyReader.problem(
                path, "'" + text + "' is not a value of type " + type + expected(type)));
  }

  private static Optional<Object> decimal(JsonNode node, ColumnType type) {
    if (!node.isNumber() && !node.isTextual()) {
      return Optional.empty();
    }
    BigDecimal value;
    try {
      value = new BigDecimal(node.asText());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    value = value.stripTrailingZeros();
    if (value.scale() > type.scale()) {
      return Optional.empty();
    }
    value = value.setScale(type.scale());
    return value.precision() <= type.precision() ? Optional.of(value) : Optional.empty();
  }

  private static Optional<Object> date(JsonNode node) {
    if (!node.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(node.textValue()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Object> timestamp(JsonNode node) {
    if (!node.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.<Object>of(OffsetDateTime.parse(node.textValue()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String expected(ColumnType type) {
    return switch (type.kind()) {
      case DATE -> " (ISO date, e.g. 2024-01-15)";
      case TIMESTAMP -> " (ISO timestamp with offset, e.g. 2024-01-15T00:00:00Z)";
      case DECIMAL -> " (at most " + type.scale() + " fraction digits)";
      default -> "";
    };
  }
}
