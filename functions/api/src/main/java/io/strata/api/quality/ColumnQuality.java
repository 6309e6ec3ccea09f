package io.strata.api.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.core.quality.ColumnStats;
import io.strata.core.quality.ValueCount;
import java.util.List;

/**
 * One column's statistics over a batch as the route shows them: {@link ColumnStats} with the null
 * rate. A column the role sees masked has no values here (no min, max, mean, deviation or top).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnQuality(
    long nulls,
    long empties,
    double nullRate,
    String min,
    String max,
    Long distinct,
    Double mean,
    Double stddev,
    List<ValueCount> top) {

  static ColumnQuality of(ColumnStats stats, long rows) {
    return new ColumnQuality(
        stats.nulls(),
        stats.empties(),
        stats.nullRate(rows),
        stats.min(),
        stats.max(),
        stats.distinct(),
        stats.mean(),
        stats.stddev(),
        stats.top());
  }
}
