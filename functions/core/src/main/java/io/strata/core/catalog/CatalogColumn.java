package io.strata.core.catalog;

import java.util.Objects;

/**
 * One column of a catalog table, typed the Hive/Athena way ({@code bigint}, {@code decimal(18,2)},
 * {@code timestamp}, …).
 */
public record CatalogColumn(String name, String type, String comment) {

  public CatalogColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    comment = CatalogTexts.cut(comment, CatalogTexts.MAX_COMMENT);
  }
}
