package io.strata.core.validate;

import io.strata.core.contract.ColumnRules;
import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.ColumnType;
import io.strata.core.contract.TemporalBounds;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/**
 * One column's rules prepared for fast checking: the pattern is prepared once, bounds are converted
 * to the column's value type once. Not thread-safe.
 */
final class ColumnCheck {

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  final ColumnSpec spec;
  final ColumnType.Kind kind;
  final String typeDescription;
  final PatternCheck pattern;
  final Set<String> allowed;
  final String allowedList;
  final int maxLength;
  final boolean hasMin;
  final boolean hasMax;
  final long minLong;
  final long maxLong;
  final BigDecimal minDecimal;
  final BigDecimal maxDecimal;
  final String minText;
  final String maxText;
  final Comparable<?> minTemporal;
  final Comparable<?> maxTemporal;
  final TemporalParser temporal;

  ColumnCheck(ColumnSpec spec) {
    this.spec = spec;
    this.kind = spec.type().kind();
    ColumnRules rules = spec.rules();
    this.typeDescription = describe(spec.type());
    this.pattern = rules.pattern() == null ? null : new PatternCheck(rules.pattern());
    this.allowed = rules.allowed();
    this.allowedList = String.join(", ", new TreeSet<>(rules.allowed()));
    this.maxLength = rules.maxLength() == null ? Integer.MAX_VALUE : rules.maxLength();
    boolean temporalKind = kind == ColumnType.Kind.DATE || kind == ColumnType.Kind.TIMESTAMP;
    this.temporal = temporalKind ? new TemporalParser(spec.type()) : null;
    this.minDecimal = rules.min();
    this.maxDecimal = rules.max();
    this.minLong = rules.min() == null ? Long.MIN_VALUE : toLong(rules.min(), RoundingMode.CEILING);
    this.maxLong = rules.max() == null ? Long.MAX_VALUE : toLong(rules.max(), RoundingMode.FLOOR);
    this.minTemporal = temporalBound(rules.minTemporal());
    this.maxTemporal = temporalBound(rules.maxTemporal());
    this.hasMin = rules.min() != null || rules.minTemporal() != null;
    this.hasMax = rules.max() != null || rules.maxTemporal() != null;
    this.minText =
        rules.min() != null
            ? rules.min().stripTrailingZeros().toPlainString()
            : rules.minTemporal();
    this.maxText =
        rules.max() != null
            ? rules.max().stripTrailingZeros().toPlainString()
            : rules.maxTemporal();
  }

  private Comparable<?> temporalBound(String text) {
    if (text == null) {
      return null;
    }
    return kind == ColumnType.Kind.DATE ? TemporalBounds.date(text) : TemporalBounds.instant(text);
  }

  private static long toLong(BigDecimal bound, RoundingMode rounding) {
    return bound.setScale(0, rounding).max(LONG_MIN).min(LONG_MAX).longValueExact();
  }

  /** Compares a typed value with the lower bound: negative when below it. */
  int compareToMin(Object value) {
    return compare(value, minDecimal, minLong, minTemporal);
  }

  /** Compares a typed value with the upper bound: positive when above it. */
  int compareToMax(Object value) {
    return compare(value, maxDecimal, maxLong, maxTemporal);
  }

  private int compare(
      Object value, BigDecimal decimal, long integral, Comparable<?> temporalBound) {
    return switch (kind) {
      case INT -> Long.compare((Integer) value, integral);
      case LONG -> Long.compare((Long) value, integral);
      case DOUBLE -> Double.compare((Double) value, decimal.doubleValue());
      case DECIMAL -> ((BigDecimal) value).compareTo(decimal);
      case DATE -> ((LocalDate) value).compareTo((LocalDate) temporalBound);
      case TIMESTAMP -> ((Instant) value).compareTo((Instant) temporalBound);
      default -> 0;
    };
  }

  private static String describe(ColumnType type) {
    return switch (type.kind()) {
      case BOOLEAN -> "boolean (true or false)";
      case DATE -> "date (" + (type.format() == null ? "yyyy-MM-dd" : type.format()) + ")";
      case TIMESTAMP ->
          "timestamp (" + (type.format() == null ? "ISO-8601 with offset" : type.format()) + ")";
      default -> type.toString();
    };
  }
}
