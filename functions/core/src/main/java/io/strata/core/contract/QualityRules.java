package io.strata.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a contract's {@code quality:} list into {@link QualityRule}s, refusing a rule without the
 * bounds its kind needs or on a column it cannot judge, with the field's path.
 */
final class QualityRules {

  private static final Set<String> KEYS =
      Set.of("rule", "column", "action", "history", "stddevs", "percent", "max", "max_jump");

  private QualityRules() {}

  static List<QualityRule> read(List<JsonNode> nodes, List<ColumnSpec> columns) {
    List<QualityRule> rules = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      rules.add(rule(nodes.get(i), "quality[" + i + "]", columns));
    }
    return List.copyOf(rules);
  }

  private static QualityRule rule(JsonNode node, String path, List<ColumnSpec> columns) {
    YamlFields fields = YamlFields.of(node, path, KEYS);
    QualityRule.Kind kind = fields.choice("rule", QualityRule.Kind.class, null);
    QualityRule.Action action = fields.choice("action", QualityRule.Action.class, null);
    int history = fields.has("history") ? fields.integer("history") : QualityRule.DEFAULT_HISTORY;
    if (history < QualityRule.MIN_HISTORY || history > 100) {
      throw YamlFields.problem(
          fields.at("history"),
          "must be from " + QualityRule.MIN_HISTORY + " to 100 batches, got " + history);
    }
    Double stddevs = positive(fields, "stddevs");
    Double percent = positive(fields, "percent");
    Double maxRate = fraction(fields, "max");
    Double maxJump = fraction(fields, "max_jump");
    String column = fields.text("column", null);
    switch (kind) {
      case ROW_COUNT -> {
        only(fields, kind, "stddevs", "percent");
        if (column != null) {
          throw YamlFields.problem(fields.at("column"), "row_count judges the whole batch");
        }
        if ((stddevs == null) == (percent == null)) {
          throw YamlFields.problem(path, "row_count needs exactly one of stddevs or percent");
        }
      }
      case NULL_RATE -> {
        only(fields, kind, "max", "max_jump");
        ColumnSpec spec = columnOf(fields, column, columns);
        if (spec.pii().mode() == Pii.PiiMode.DROP) {
          throw YamlFields.problem(
              fields.at("column"),
              "'" + column + "' is dropped (pii: drop), so no batch keeps its values to count");
        }
        if (maxRate == null && maxJump == null) {
          throw YamlFields.problem(path, "null_rate needs max, max_jump or both");
        }
      }
      case MEAN_SHIFT -> {
        only(fields, kind, "stddevs");
        ColumnSpec spec = columnOf(fields, column, columns);
        if (!numeric(spec) || spec.pii().mode() != Pii.PiiMode.NONE) {
          throw YamlFields.problem(
              fields.at("column"),
              "mean_shift needs a numeric column without pii, '" + column + "' is not");
        }
        if (stddevs == null) {
          throw YamlFields.problem(path, "mean_shift needs stddevs");
        }
      }
      case ALLOWED_VALUES -> {
        only(fields, kind);
        ColumnSpec spec = columnOf(fields, column, columns);
        if (spec.rules().allowed().isEmpty() || spec.pii().mode() != Pii.PiiMode.NONE) {
          throw YamlFields.problem(
              fields.at("column"),
              "allowed_values needs a column with allowed values and without pii, '"
                  + column
                  + "' is not");
        }
      }
    }
    return new QualityRule(kind, column, action, history, stddevs, percent, maxRate, maxJump);
  }

  /** Refuses a bound that the rule's kind does not use, so a typo cannot pass silently. */
  private static void only(YamlFields fields, QualityRule.Kind kind, String... allowed) {
    for (String bound : List.of("stddevs", "percent", "max", "max_jump")) {
      if (fields.has(bound) && !List.of(allowed).contains(bound)) {
        throw YamlFields.problem(fields.at(bound), "does not apply to " + kind.label());
      }
    }
  }

  private static ColumnSpec columnOf(YamlFields fields, String column, List<ColumnSpec> columns) {
    if (column == null) {
      throw YamlFields.problem(fields.at("column"), "is required");
    }
    return columns.stream()
        .filter(c -> c.name().equals(column))
        .findFirst()
        .orElseThrow(
            () -> YamlFields.problem(fields.at("column"), "no column '" + column + "' exists"));
  }

  private static boolean numeric(ColumnSpec spec) {
    return switch (spec.type().kind()) {
      case INT, LONG, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }

  private static Double positive(YamlFields fields, String key) {
    if (!fields.has(key)) {
      return null;
    }
    double value = fields.number(key).doubleValue();
    if (!(value > 0)) {
      throw YamlFields.problem(fields.at(key), "must be greater than 0, got " + value);
    }
    return value;
  }

  private static Double fraction(YamlFields fields, String key) {
    if (!fields.has(key)) {
      return null;
    }
    double value = fields.number(key).doubleValue();
    if (!(value >= 0 && value <= 1)) {
      throw YamlFields.problem(fields.at(key), "must be from 0 to 1, got " + value);
    }
    return value;
  }
}
