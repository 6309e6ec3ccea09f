package io.strata.core.report;

import java.util.List;
import java.util.Objects;

/**
 * A named report of {@code datasets/reports/<name>.sql}: its description, typed parameters, and a
 * SQL body that reads datasets only as {@code {{dataset}}} and takes values only as {@code :name}.
 *
 * @param sql the body as written (without the YAML header), placeholders unreplaced
 * @param datasets the datasets the body reads, in order of first use
 * @param materialize whether the result is kept as a table per role, refreshed on commit
 */
public record ReportDefinition(
    String name,
    String description,
    List<ReportParameter> parameters,
    String sql,
    List<String> datasets,
    Materialize materialize) {

  /** A report whose every run is live. */
  public ReportDefinition(
      String name,
      String description,
      List<ReportParameter> parameters,
      String sql,
      List<String> datasets) {
    this(name, description, parameters, sql, datasets, Materialize.NEVER);
  }

  public ReportDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sql, "sql");
    description = description == null ? "" : description;
    parameters = List.copyOf(parameters);
    datasets = List.copyOf(datasets);
    materialize = materialize == null ? Materialize.NEVER : materialize;
    if (materialize != Materialize.NEVER && !parameters.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot create report " + name + ": a report with parameters cannot be materialized");
    }
  }

  /** Whether the result is kept as a table per role. */
  public boolean materialized() {
    return materialize != Materialize.NEVER;
  }
}
