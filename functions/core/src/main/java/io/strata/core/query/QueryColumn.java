package io.strata.core.query;

import io.strata.core.contract.ColumnType;
import java.util.Objects;

/**
 * A column a query can name: a stored contract column, a partition column or a lineage column, with
 * the type of its stored values (PII hash and mask columns hold strings).
 *
 * @param athenaType the type as the catalog declares it ({@code string}, {@code decimal(18,2)}, …)
 */
public record QueryColumn(
    String name, ColumnType type, String athenaType, String description, Kind kind) {

  /** Where a column's values come from. */
  public enum Kind {
    /** A column of the contract stored in the Parquet files. */
    COLUMN,
    /** A contract column the table is partitioned by as it is (an identity partition). */
    PARTITION,
    /** A lineage column Strata adds to every row. */
    LINEAGE;

    /** The name the API uses: {@code column}, {@code partition} or {@code lineage}. */
    public String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public QueryColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(athenaType, "athenaType");
    Objects.requireNonNull(kind, "kind");
    description = description == null ? "" : description;
  }
}
