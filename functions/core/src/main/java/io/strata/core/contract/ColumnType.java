package io.strata.core.contract;

import java.util.Objects;

/**
 * A column's logical type. Decimals carry precision and scale; dates and timestamps carry the
 * pattern their raw text uses ({@code null} for ISO-8601).
 *
 * <p>Values after validation: STRING {@code String}, BOOLEAN {@code Boolean}, INT {@code Integer},
 * LONG {@code Long}, DOUBLE {@code Double}, DECIMAL {@code java.math.BigDecimal} with exactly the
 * scale, DATE {@code java.time.LocalDate}, TIMESTAMP {@code java.time.Instant}.
 */
public record ColumnType(Kind kind, int precision, int scale, String format) {

  /** The supported kinds. */
  public enum Kind {
    STRING,
    BOOLEAN,
    INT,
    LONG,
    DOUBLE,
    DECIMAL,
    DATE,
    TIMESTAMP
  }

  public ColumnType {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.DECIMAL
        && (precision < 1 || precision > 38 || scale < 0 || scale > precision)) {
      throw new ContractException(
          "decimal("
              + precision
              + ","
              + scale
              + ") needs 1 <= precision <= 38, 0 <= scale <= precision");
    }
  }

  public static ColumnType of(Kind kind) {
    return new ColumnType(kind, 0, 0, null);
  }

  public static ColumnType decimal(int precision, int scale) {
    return new ColumnType(Kind.DECIMAL, precision, scale, null);
  }

  public static ColumnType date(String format) {
    return new ColumnType(Kind.DATE, 0, 0, format);
  }

  public static ColumnType timestamp(String format) {
    return new ColumnType(Kind.TIMESTAMP, 0, 0, format);
  }

  /** The type as written in contracts: {@code string}, {@code decimal(18,2)}, … */
  @Override
  public String toString() {
    return kind == Kind.DECIMAL
        ? "decimal(" + precision + "," + scale + ")"
        : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
