package io.strata.core.contract;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Value rules of a column, each optional (null or empty when absent). {@code min}/{@code max} apply
 * to numbers (and to dates/timestamps given as ISO text in the contract, compared after parsing);
 * {@code pattern} must match the whole raw text; {@code allowed} lists the permitted values; {@code
 * maxLength} counts characters.
 */
public record ColumnRules(
    BigDecimal min,
    BigDecimal max,
    String minTemporal,
    String maxTemporal,
    Pattern pattern,
    Set<String> allowed,
    Integer maxLength) {

  public static final ColumnRules NONE =
      new ColumnRules(null, null, null, null, null, Set.of(), null);

  public ColumnRules {
    allowed = allowed == null ? Set.of() : Set.copyOf(allowed);
    if (maxLength != null && maxLength < 1) {
      throw new ContractException("max_length must be at least 1, got " + maxLength);
    }
    if (min != null && max != null && min.compareTo(max) > 0) {
      throw new ContractException("min " + min + " is greater than max " + max);
    }
  }
}
