package io.strata.core.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One column's statistics over one batch's accepted rows. Values are the stored (PII-protected)
 * ones; a column whose values are protected has no min, max or top values, only counts and a
 * distinct estimate of the protected value.
 *
 * @param nulls rows without a value
 * @param empties rows whose text value is blank (only white space)
 * @param min the smallest value as text (numbers plain, dates and instants ISO-8601), or null
 * @param max the largest value as text, or null
 * @param distinct an HLL estimate of distinct non-null values (relative error about 1.6%)
 * @param mean of numeric columns, null otherwise or without values
 * @param stddev the sample standard deviation of numeric columns (null below two values)
 * @param top the allowed values of a column with {@code allowed:} rules that occurred, most
 *     frequent first; null for other columns
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnStats(
    long nulls,
    long empties,
    String min,
    String max,
    Long distinct,
    Double mean,
    Double stddev,
    List<ValueCount> top) {

  public ColumnStats {
    top = top == null ? null : List.copyOf(top);
  }

  /** The share of the batch's rows without a value (0 for an empty batch). */
  public double nullRate(long rows) {
    return rows == 0 ? 0.0 : (double) nulls / rows;
  }

  /** These statistics without any value of the column (for a role that sees it masked). */
  public ColumnStats withoutValues() {
    return new ColumnStats(nulls, empties, null, null, distinct, null, null, null);
  }
}
