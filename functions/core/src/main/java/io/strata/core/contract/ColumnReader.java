package io.strata.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one entry of a contract's {@code columns} list, checking what concerns the column alone.
 */
final class ColumnReader {

  private static final Set<String> COLUMN_KEYS =
      Set.of("name", "type", "format", "required", "description", "rules", "pii");
  private static final Set<String> RULE_KEYS =
      Set.of("min", "max", "pattern", "allowed", "max_length");
  private static final Set<String> MASK_KEYS = Set.of("keep_last");
  private static final Pattern DECIMAL =
      Pattern.compile("decimal\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

  private ColumnReader() {}

  static ColumnSpec read(JsonNode node, String path) {
    YamlFields fields = YamlFields.of(node, path, COLUMN_KEYS);
    String name = fields.text("name");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw YamlFields.problem(
          fields.at("name"), "'" + name + "' must be lower snake case ([a-z][a-z0-9_]*)");
    }
    ColumnType type = type(fields);
    ColumnRules rules =
        fields.has("rules")
            ? rules(YamlFields.of(fields.get("rules"), fields.at("rules"), RULE_KEYS), type)
            : ColumnRules.NONE;
    Pii pii = pii(fields, type);
    return new ColumnSpec(
        name, type, fields.bool("required", false), rules, pii, fields.text("description", ""));
  }

  private static ColumnType type(YamlFields fields) {
    String text = fields.text("type");
    String format = fields.text("format", null);
    ColumnType.Kind kind = kind(text, fields.at("type"));
    if (format != null && kind != ColumnType.Kind.DATE && kind != ColumnType.Kind.TIMESTAMP) {
      throw YamlFields.problem(fields.at("format"), "applies only to date and timestamp columns");
    }
    if (format != null) {
      try {
        DateTimeFormatter.ofPattern(format);
      } catch (IllegalArgumentException e) {
        throw YamlFields.problem(
            fields.at("format"), "invalid date/time pattern '" + format + "': " + e.getMessage());
      }
    }
    return switch (kind) {
      case DECIMAL -> decimal(text, fields.at("type"));
      case DATE -> ColumnType.date(format);
      case TIMESTAMP -> ColumnType.timestamp(format);
      default -> ColumnType.of(kind);
    };
  }

  private static ColumnType.Kind kind(String text, String path) {
    if (text.startsWith("decimal")) {
      if (DECIMAL.matcher(text).matches()) {
        return ColumnType.Kind.DECIMAL;
      }
      throw YamlFields.problem(
          path, "unknown type '" + text + "' (write decimal(precision,scale), e.g. decimal(18,2))");
    }
    for (ColumnType.Kind kind : ColumnType.Kind.values()) {
      if (kind != ColumnType.Kind.DECIMAL && kind.name().toLowerCase().equals(text)) {
        return kind;
      }
    }
    throw YamlFields.problem(
        path,
        "unknown type '"
            + text
            + "' (expected string, boolean, int, long, double, decimal(p,s), date or timestamp)");
  }

  private static ColumnType decimal(String text, String path) {
    Matcher matcher = DECIMAL.matcher(text);
    matcher.matches();
    try {
      return ColumnType.decimal(
          Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    } catch (NumberFormatException | ContractException e) {
      throw YamlFields.problem(
          path, "invalid type '" + text + "': needs 1 <= precision <= 38, 0 <= scale <= precision");
    }
  }

  private static ColumnRules rules(YamlFields rules, ColumnType type) {
    ColumnType.Kind kind = type.kind();
    boolean numeric =
        kind == ColumnType.Kind.INT
            || kind == ColumnType.Kind.LONG
            || kind == ColumnType.Kind.DOUBLE
            || kind == ColumnType.Kind.DECIMAL;
    boolean temporal = kind == ColumnType.Kind.DATE || kind == ColumnType.Kind.TIMESTAMP;
    BigDecimal min = null;
    BigDecimal max = null;
    String minTemporal = null;
    String maxTemporal = null;
    for (String bound : List.of("min", "max")) {
      if (!rules.has(bound)) {
        continue;
      }
      if (numeric) {
        BigDecimal value = rules.number(bound);
        if (bound.equals("min")) {
          min = value;
        } else {
          max = value;
        }
      } else if (temporal) {
        String value = TemporalBounds.check(rules.text(bound), kind, rules.at(bound));
        if (bound.equals("min")) {
          minTemporal = value;
        } else {
          maxTemporal = value;
        }
      } else {
        throw YamlFields.problem(
            rules.at(bound), "applies only to numeric, date and timestamp columns, not " + type);
      }
    }
    if (minTemporal != null && maxTemporal != null) {
      TemporalBounds.checkOrder(minTemporal, maxTemporal, kind, rules.at("min"));
    }
    Pattern pattern = null;
    if (rules.has("pattern")) {
      String regex = rules.text("pattern");
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw YamlFields.problem(
            rules.at("pattern"),
            "invalid regular expression '" + regex + "': " + e.getDescription());
      }
    }
    Set<String> allowed = new LinkedHashSet<>(rules.texts("allowed"));
    if (rules.has("allowed") && kind != ColumnType.Kind.STRING) {
      throw YamlFields.problem(rules.at("allowed"), "applies only to string columns, not " + type);
    }
    if (rules.has("allowed") && allowed.isEmpty()) {
      throw YamlFields.problem(rules.at("allowed"), "must list at least one value");
    }
    Integer maxLength = null;
    if (rules.has("max_length")) {
      if (kind != ColumnType.Kind.STRING) {
        throw YamlFields.problem(
            rules.at("max_length"), "applies only to string columns, not " + type);
      }
      maxLength = rules.integer("max_length");
      if (maxLength < 1) {
        throw YamlFields.problem(rules.at("max_length"), "must be at least 1, got " + maxLength);
      }
    }
    if (min != null && max != null && min.compareTo(max) > 0) {
      throw YamlFields.problem(rules.at("min"), min + " is greater than max " + max);
    }
    return new ColumnRules(min, max, minTemporal, maxTemporal, pattern, allowed, maxLength);
  }

  private static Pii pii(YamlFields fields, ColumnType type) {
    if (!fields.has("pii")) {
      return Pii.NONE;
    }
    String path = fields.at("pii");
    JsonNode node = fields.get("pii");
    Pii pii;
    if (node.isTextual()) {
      pii =
          switch (node.asText()) {
            case "drop" -> new Pii(Pii.PiiMode.DROP, 0);
            case "hash" -> new Pii(Pii.PiiMode.HASH, 0);
            case "mask" -> new Pii(Pii.PiiMode.MASK, 0);
            default ->
                throw YamlFields.problem(
                    path,
                    "unknown value '"
                        + node.asText()
                        + "' (expected drop, hash, mask or mask: {keep_last: n})");
          };
    } else {
      YamlFields mask = YamlFields.of(node, path, Set.of("mask"));
      YamlFields options = YamlFields.of(mask.get("mask"), mask.at("mask"), MASK_KEYS);
      int keepLast = options.has("keep_last") ? options.integer("keep_last") : 0;
      if (keepLast < 0) {
        throw YamlFields.problem(options.at("keep_last"), "must not be negative, got " + keepLast);
      }
      pii = new Pii(Pii.PiiMode.MASK, keepLast);
    }
    if (pii.mode() != Pii.PiiMode.DROP && type.kind() != ColumnType.Kind.STRING) {
      throw YamlFields.problem(
          path, pii.mode().name().toLowerCase() + " applies only to string columns, not " + type);
    }
    return pii;
  }
}
