package io.strata.core.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.strata.core.access.RoleGrant;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.ContractException;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.YamlFields;
import io.strata.core.query.QueryRejectedException;
import io.strata.core.query.TypedValues;
import io.strata.core.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the named reports {@code <name>.sql} of a folder (or an object-store prefix): a header of
 * {@code --} comment lines holding YAML ({@code description}, {@code parameters}, {@code
 * materialize}), then one SQL statement. Every mistake is a {@link ReportException} naming the file
 * and the field, e.g. {@code Cannot load report daily_balance.sql: parameters.from.type: unknown
 * type 'day'}.
 */
public final class ReportLoader {

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> TOP_KEYS = Set.of("description", "parameters", Materialize.KEY);
  private static final Set<String> PARAMETER_KEYS = Set.of("type", "required", "default");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");
  static final String SUFFIX = ".sql";

  private ReportLoader() {}

  /**
   * Every report of the folder by name; an absent folder holds none.
   *
   * @throws ReportException for the first report (by file name) that cannot be loaded
   */
  public static Map<String, ReportDefinition> load(
      Path dir, Map<String, DatasetContract> contracts) {
    return ReportFolder.read(dir, contracts.keySet()).orThrow();
  }

  /**
   * Every report {@code <prefix><name>.sql} in the bucket by name (prefix e.g. "reports/").
   *
   * @throws ReportException for the first report (by file name) that cannot be loaded
   */
  public static Map<String, ReportDefinition> load(
      ObjectStore store, String bucket, String prefix, Map<String, DatasetContract> contracts) {
    return ReportFolder.read(store, bucket, prefix, contracts.keySet()).orThrow();
  }

  /** Parses one report file's text; {@code fileName} ({@code <name>.sql}) names the report. */
  public static ReportDefinition parse(
      String fileName, String text, Map<String, DatasetContract> contracts) {
    return parse(fileName, text, contracts.keySet());
  }

  /**
   * Parses one report file's text; {@code fileName} ({@code <name>.sql}) names the report, {@code
   * datasets} are the names it may read as {@code {{dataset}}}.
   */
  public static ReportDefinition parse(String fileName, String text, Set<String> datasets) {
    String prefix = "Cannot load report " + fileName + ": ";
    String name = name(fileName);
    StringBuilder header = new StringBuilder();
    List<String> lines = text.lines().toList();
    int line = 0;
    while (line < lines.size() && lines.get(line).startsWith("--")) {
      String content = lines.get(line).substring(2);
      header.append(content.startsWith(" ") ? content.substring(1) : content).append('\n');
      line++;
    }
    while (line < lines.size() && lines.get(line).isBlank()) {
      line++;
    }
    int firstLine = line + 1;
    String body = String.join("\n", lines.subList(line, lines.size())).stripTrailing();
    if (body.isEmpty()) {
      throw new ReportException(prefix + "sql: the file holds no statement after its header");
    }
    JsonNode root;
    try {
      root = YAML.readTree(header.toString());
    } catch (JacksonException e) {
      throw new ReportException(prefix + "header: invalid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(prefix + e.getMessage(), e);
    }
    List<ReportParameter> parameters;
    String description;
    Materialize materialize;
    try {
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw YamlFields.problem("header", "needs at least a description");
      }
      YamlFields fields = YamlFields.of(root, "", TOP_KEYS);
      description = fields.text("description");
      parameters = parameters(fields);
      materialize = Materialize.of(fields);
      if (materialize != Materialize.NEVER && !parameters.isEmpty()) {
        throw YamlFields.problem(
            Materialize.KEY,
            "a report with parameters cannot be materialized: its result depends on values each"
                + " caller gives; remove materialize, or the parameters");
      }
    } catch (ContractException e) {
      throw new ReportException(prefix + e.getMessage(), e);
    }
    List<ReportSql.Part> parts;
    try {
      parts = ReportSql.parse(body, datasets, firstLine);
    } catch (IllegalArgumentException e) {
      throw new ReportException(prefix + "sql: " + e.getMessage(), e);
    }
    Set<String> read = new LinkedHashSet<>();
    Set<String> used = new LinkedHashSet<>();
    for (ReportSql.Part part : parts) {
      if (part instanceof ReportSql.DatasetRef ref) {
        read.add(ref.dataset());
      } else if (part instanceof ReportSql.Parameter parameter) {
        if (parameters.stream().noneMatch(p -> p.name().equals(parameter.name()))) {
          throw new ReportException(
              prefix + "sql: parameter :" + parameter.name() + " is not declared in parameters");
        }
        used.add(parameter.name());
      }
    }
    for (ReportParameter parameter : parameters) {
      if (!used.contains(parameter.name())) {
        throw new ReportException(
            prefix + "parameters." + parameter.name() + ": declared but never used in the SQL");
      }
    }
    if (read.isEmpty()) {
      throw new ReportException(prefix + "sql: reads no dataset (write {{dataset}})");
    }
    return new ReportDefinition(
        name, description, parameters, body, List.copyOf(read), materialize);
  }

  static String name(String fileName) {
    String name = fileName.substring(0, fileName.length() - SUFFIX.length());
    if (!fileName.endsWith(SUFFIX) || !RoleGrant.REPORT.matcher(name).matches()) {
      throw new ReportException(
          "Cannot load report "
              + fileName
              + ": the file name must be <name>.sql with a name matching "
              + RoleGrant.REPORT.pattern());
    }
    return name;
  }

  private static List<ReportParameter> parameters(YamlFields top) {
    List<ReportParameter> parameters = new ArrayList<>();
    if (!top.has("parameters")) {
      return parameters;
    }
    YamlFields all = YamlFields.of(top.get("parameters"), "parameters", null);
    for (String name : all.keys()) {
      String path = all.at(name);
      if (!PARAMETER_NAME.matcher(name).matches()) {
        throw YamlFields.problem(path, "parameter names must match " + PARAMETER_NAME.pattern());
      }
      YamlFields fields = YamlFields.of(all.get(name), path, PARAMETER_KEYS);
      ColumnType type = type(fields.text("type"), fields.at("type"));
      boolean hasDefault = fields.has("default");
      boolean required = fields.bool("required", !hasDefault);
      if (required && hasDefault) {
        throw YamlFields.problem(fields.at("default"), "a required parameter has no default");
      }
      if (!required && !hasDefault) {
        throw YamlFields.problem(path, "an optional parameter needs a default");
      }
      Object defaultValue = null;
      if (hasDefault) {
        try {
          defaultValue =
              TypedValues.typed(
                  value(fields.get("default")), type, fields.at("default"), "parameter " + name);
        } catch (QueryRejectedException e) {
          throw YamlFields.problem(fields.at("default"), e.getMessage());
        }
      }
      parameters.add(new ReportParameter(name, type, required, defaultValue));
    }
    return parameters;
  }

  private static Object value(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return node.toString();
  }

  /** A parameter type as contracts write column types: string, int, decimal(18,2), … */
  private static ColumnType type(String text, String path) {
    Matcher decimal = DECIMAL.matcher(text);
    if (decimal.matches()) {
      int precision = Integer.parseInt(decimal.group(1));
      int scale = Integer.parseInt(decimal.group(2));
      if (precision < 1 || precision > 38 || scale > precision) {
        throw YamlFields.problem(path, "decimal(" + precision + "," + scale + ") is out of range");
      }
      return ColumnType.decimal(precision, scale);
    }
    for (ColumnType.Kind kind : ColumnType.Kind.values()) {
      if (kind != ColumnType.Kind.DECIMAL && ColumnType.of(kind).toString().equals(text)) {
        return ColumnType.of(kind);
      }
    }
    throw YamlFields.problem(
        path,
        "unknown type '"
            + text
            + "' (expected date, string, int, long, double, decimal(p,s), boolean or timestamp)");
  }
}
