package io.strata.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns the YAML tree of one contract into a {@link DatasetContract}, field by field. */
final class ContractReader {

  private static final Set<String> TOP_KEYS =
      Set.of(
          "name",
          "version",
          "description",
          "format",
          "csv",
          "columns",
          "key",
          "partitions",
          "error_policy",
          "extra_columns",
          "schema_evolution",
          "catalog",
          "sequence_by",
          "history",
          "quality");
  private static final Set<String> CSV_KEYS = Set.of("delimiter", "quote", "header", "encoding");
  private static final Set<String> PARTITION_KEYS = Set.of("name", "source", "transform");
  private static final Set<String> ERROR_POLICY_KEYS =
      Set.of("strict", "max_rejected_rows", "max_rejected_fraction");

  private ContractReader() {}

  static DatasetContract read(JsonNode root) {
    YamlFields top = YamlFields.of(root, "", TOP_KEYS);
    String name = top.text("name");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw YamlFields.problem("name", "'" + name + "' must be lower snake case ([a-z][a-z0-9_]*)");
    }
    if (DatasetNames.RESERVED.contains(name)) {
      throw YamlFields.problem(
          "name", "'" + name + "' is reserved: " + DatasetNames.whyReserved(name));
    }
    int version = top.integer("version");
    if (version < 1) {
      throw YamlFields.problem("version", "must be at least 1, got " + version);
    }
    if (top.has("catalog")) {
      throw YamlFields.problem(
          "catalog",
          "partition projection does not apply to Iceberg tables, whose partitions every engine"
              + " reads from the table's metadata: remove the key");
    }
    SourceFormat format = format(top.text("format"));
    if (format != SourceFormat.CSV && top.has("csv")) {
      throw YamlFields.problem("csv", "applies only to format csv");
    }
    CsvOptions csv = top.has("csv") ? csv(top.get("csv")) : CsvOptions.DEFAULT;
    List<JsonNode> columnNodes = top.list("columns");
    if (columnNodes.isEmpty()) {
      throw YamlFields.problem("columns", "must list at least one column");
    }
    List<ColumnSpec> columns = new ArrayList<>();
    for (int i = 0; i < columnNodes.size(); i++) {
      columns.add(ColumnReader.read(columnNodes.get(i), "columns[" + i + "]"));
    }
    List<PartitionSpec> partitions = new ArrayList<>();
    List<JsonNode> partitionNodes = top.list("partitions");
    for (int i = 0; i < partitionNodes.size(); i++) {
      partitions.add(partition(partitionNodes.get(i), "partitions[" + i + "]"));
    }
    DatasetContract contract =
        new DatasetContract(
            name,
            version,
            top.text("description", ""),
            format,
            csv,
            columns,
            top.texts("key"),
            partitions,
            top.has("error_policy") ? errorPolicy(top.get("error_policy")) : ErrorPolicy.STRICT,
            top.choice("extra_columns", ExtraColumnPolicy.class, ExtraColumnPolicy.REJECT),
            top.choice("schema_evolution", SchemaEvolution.class, SchemaEvolution.ADDITIVE),
            top.text("sequence_by", null),
            top.has("history") ? HistoryPolicies.read(top.get("history")) : HistoryPolicy.FOREVER,
            QualityRules.read(top.list("quality"), columns));
    ContractChecks.check(contract);
    return contract;
  }

  private static SourceFormat format(String text) {
    return switch (text) {
      case "csv" -> SourceFormat.CSV;
      case "jsonl" -> SourceFormat.JSON_LINES;
      default ->
          throw YamlFields.problem(
              "format", "unknown value '" + text + "' (expected one of csv, jsonl)");
    };
  }

  private static CsvOptions csv(JsonNode node) {
    YamlFields fields = YamlFields.of(node, "csv", CSV_KEYS);
    String encodingName = fields.text("encoding", "UTF-8");
    Charset encoding;
    try {
      encoding = Charset.forName(encodingName);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw YamlFields.problem("csv.encoding", "unknown encoding '" + encodingName + "'");
    }
    char delimiter = fields.character("delimiter", ',');
    char quote = fields.character("quote", '"');
    if (delimiter == '\n' || delimiter == '\r' || quote == '\n' || quote == '\r') {
      throw YamlFields.problem("csv", "delimiter and quote must not be line breaks");
    }
    if (delimiter == quote) {
      throw YamlFields.problem("csv", "delimiter and quote must differ, both are '" + quote + "'");
    }
    return new CsvOptions(delimiter, quote, fields.bool("header", true), encoding);
  }

  private static PartitionSpec partition(JsonNode node, String path) {
    YamlFields fields = YamlFields.of(node, path, PARTITION_KEYS);
    String source = fields.text("source");
    String name = fields.text("name", source);
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw YamlFields.problem(
          fields.at("name"), "'" + name + "' must be lower snake case ([a-z][a-z0-9_]*)");
    }
    return new PartitionSpec(
        name,
        source,
        fields.choice(
            "transform", PartitionSpec.Transform.class, PartitionSpec.Transform.IDENTITY));
  }

  private static ErrorPolicy errorPolicy(JsonNode node) {
    YamlFields fields = YamlFields.of(node, "error_policy", ERROR_POLICY_KEYS);
    boolean bounded = fields.has("max_rejected_rows") || fields.has("max_rejected_fraction");
    if (fields.has("strict")) {
      if (!fields.bool("strict", true)) {
        throw YamlFields.problem(
            "error_policy.strict",
            "may only be true; give max_rejected_rows or max_rejected_fraction instead");
      }
      if (bounded) {
        throw YamlFields.problem(
            "error_policy.strict",
            "cannot be combined with max_rejected_rows or max_rejected_fraction");
      }
      return ErrorPolicy.STRICT;
    }
    if (!bounded) {
      throw YamlFields.problem(
          "error_policy", "needs strict: true, max_rejected_rows or max_rejected_fraction");
    }
    long rows = Long.MAX_VALUE;
    if (fields.has("max_rejected_rows")) {
      rows = fields.integer("max_rejected_rows");
      if (rows < 0) {
        throw YamlFields.problem(
            "error_policy.max_rejected_rows", "must not be negative, got " + rows);
      }
    }
    double fraction = 1.0;
    if (fields.has("max_rejected_fraction")) {
      fraction = fields.number("max_rejected_fraction").doubleValue();
      if (!(fraction >= 0.0 && fraction <= 1.0)) {
        throw YamlFields.problem(
            "error_policy.max_rejected_fraction", "must be between 0 and 1, got " + fraction);
      }
    }
    return new ErrorPolicy(rows, fraction);
  }
}
