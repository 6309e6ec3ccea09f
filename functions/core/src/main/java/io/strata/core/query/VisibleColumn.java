package io.strata.core.query;

import java.util.Objects;

/**
 * One column of a dataset as a role sees it, for {@code GET /datasets/{dataset}}.
 *
 * @param type the Athena type text ({@code string}, {@code decimal(18,2)}, {@code date}, …)
 * @param masked whether the role sees the column's values only masked
 * @param kind {@code column}, {@code partition} or {@code lineage}
 */
public record VisibleColumn(
    String name, String type, String description, boolean masked, String kind) {

  public VisibleColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kind, "kind");
    description = description == null ? "" : description;
  }
}
