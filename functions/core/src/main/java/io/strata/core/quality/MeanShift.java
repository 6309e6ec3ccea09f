package io.strata.core.quality;

import io.strata.core.contract.QualityRule;
import java.util.Locale;

/**
 * The {@code mean_shift} rule: a numeric column's mean against the mean and standard deviation of
 * its values over the history's batches, pooled from each batch's count, mean and deviation (Chan
 * et al.'s parallel formula), so every value weighs alike.
 */
final class MeanShift {

  private MeanShift() {}

  static QualityVerdict judge(
      QualityRule rule, BatchProfile batch, java.util.List<BatchProfile> window) {
    String column = rule.column();
    long count = 0;
    double mean = 0;
    double m2 = 0;
    int batches = 0;
    for (BatchProfile profile : window) {
      ColumnStats stats = profile.columns().get(column);
      if (stats == null || stats.mean() == null) {
        continue;
      }
      long n = profile.rows() - stats.nulls();
      double sd = stats.stddev() == null ? 0 : stats.stddev();
      double batchM2 = sd * sd * (n - 1);
      long total = count + n;
      double delta = stats.mean() - mean;
      mean += delta * n / total;
      m2 += batchM2 + delta * delta * ((double) count * n / total);
      count = total;
      batches++;
    }
    Double observed = batch.column(column).map(ColumnStats::mean).orElse(null);
    if (batches < QualityRule.MIN_HISTORY) {
      return QualityJudge.tooLittleHistory(rule, observed == null ? 0 : observed, batches);
    }
    double spread = rule.stddevs() * (count > 1 ? Math.sqrt(m2 / (count - 1)) : 0);
    double low = mean - spread;
    double high = mean + spread;
    if (observed == null) {
      return QualityJudge.verdict(
          rule, false, 0, low, high, "mean_shift of " + column + ": no values to judge");
    }
    String message =
        String.format(
            Locale.ROOT,
            "mean_shift of %s: mean %s, expected %s to %s (mean %s ± %s standard deviations of"
                + " the values of the last %d batches)",
            column,
            QualityJudge.number(observed),
            QualityJudge.number(low),
            QualityJudge.number(high),
            QualityJudge.number(mean),
            QualityJudge.number(rule.stddevs()),
            batches);
    return QualityJudge.verdict(
        rule, observed < low || observed > high, observed, low, high, message);
  }
}
