package io.strata.core.report;

import java.util.List;
import java.util.Objects;

/**
 * A named report of {@code datasets/reports/<name>.sql}: its description, typed parameters, and a
 * SQL body that reads datasets only as {@code {{dataset}}} and takes values only as {@code :name}.
 *
 * @param sql the body as written (without the YAML header), placeholders unreplaced
 * @param datasets the datasets the body reads, in order of first use
 */
public record ReportDefinition(
    String name,
    String description,
    List<ReportParameter> parameters,
    String sql,
    List<String> datasets) {

  public ReportDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sql, "sql");
    description = description == null ? "" : description;
    parameters = List.copyOf(parameters);
    datasets = List.copyOf(datasets);
  }
}
