package io.strata.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One partition of a table: its values in partition-key order (unescaped, e.g. {@code 2024-03-01})
 * and the location of its files.
 */
public record CatalogPartition(List<String> values, String location) {

  public CatalogPartition {
    values = List.copyOf(values);
    Objects.requireNonNull(location, "location");
    if (values.isEmpty()) {
      throw new IllegalArgumentException("A partition needs at least one value");
    }
  }
}
