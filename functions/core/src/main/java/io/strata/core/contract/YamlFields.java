package io.strata.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One YAML mapping of a Strata file (a contract, the access policy) together with its path ({@code
 * columns[2].rules}), so that every complaint names the field it concerns. Unknown keys are
 * refused.
 */
public final class YamlFields {

  private final JsonNode node;
  private final String path;

  private YamlFields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /**
   * The mapping at {@code path}; fails when the node is not a mapping or has unknown keys ({@code
   * knownKeys} null: any key is allowed).
   */
  public static YamlFields of(JsonNode node, String path, Set<String> knownKeys) {
    if (node == null || !node.isObject()) {
      throw problem(path.isEmpty() ? "(document)" : path, "must be a mapping");
    }
    YamlFields fields = new YamlFields(node, path);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (knownKeys != null && !knownKeys.contains(name)) {
        throw problem(
            fields.at(name),
            "unknown key (expected one of " + String.join(", ", new TreeSet<>(knownKeys)) + ")");
      }
    }
    return fields;
  }

  /** A problem at a path, later prefixed with the file name by the loader that reads the file. */
  public static ContractException problem(String path, String reason) {
    return new ContractException(path + ": " + reason);
  }

  public String at(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The mapping's keys in document order. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  public boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  public JsonNode get(String key) {
    return node.get(key);
  }

  public String text(String key) {
    if (!has(key)) {
      throw problem(at(key), "is required");
    }
    return scalarText(key);
  }

  public String text(String key, String defaultValue) {
    return has(key) ? scalarText(key) : defaultValue;
  }

  private String scalarText(String key) {
    JsonNode value = node.get(key);
    if (!value.isValueNode()) {
      throw problem(at(key), "must be a single value");
    }
    return value.asText();
  }

  public boolean bool(String key, boolean defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    JsonNode value = node.get(key);
    if (!value.isBoolean()) {
      throw problem(at(key), "must be true or false, got '" + value.asText() + "'");
    }
    return value.booleanValue();
  }

  public int integer(String key) {
    if (!has(key)) {
      throw problem(at(key), "is required");
    }
    JsonNode value = node.get(key);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw problem(at(key), "must be a whole number, got '" + value.asText() + "'");
    }
    return value.intValue();
  }

  public BigDecimal number(String key) {
    JsonNode value = node.get(key);
    if (!value.isNumber()) {
      throw problem(at(key), "must be a number, got '" + value.asText() + "'");
    }
    return value.decimalValue();
  }

  public char character(String key, char defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    String value = scalarText(key);
    if (value.length() != 1) {
      throw problem(at(key), "must be a single character, got '" + value + "'");
    }
    return value.charAt(0);
  }

  /** A list of scalars as text; empty when absent. */
  public List<String> texts(String key) {
    List<String> result = new ArrayList<>();
    for (JsonNode item : list(key)) {
      if (!item.isValueNode() || item.isNull()) {
        throw problem(at(key) + "[" + result.size() + "]", "must be a single value");
      }
      result.add(item.asText());
    }
    return result;
  }

  /** The items of a list; empty when absent. */
  public List<JsonNode> list(String key) {
    if (!has(key)) {
      return List.of();
    }
    JsonNode value = node.get(key);
    if (!value.isArray()) {
      throw problem(at(key), "must be a list");
    }
    List<JsonNode> items = new ArrayList<>();
    value.forEach(items::add);
    return items;
  }

  /** One of the choices (case-sensitive, lower case in YAML). */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
    if (!has(key)) {
      if (defaultValue == null) {
        throw problem(at(key), "is required");
      }
      return defaultValue;
    }
    String value = scalarText(key);
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      String name = constant.name().toLowerCase(java.util.Locale.ROOT);
      if (name.equals(value)) {
        return constant;
      }
      names.add(name);
    }
    throw problem(
        at(key),
        "unknown value '" + value + "' (expected one of " + String.join(", ", names) + ")");
  }
}
