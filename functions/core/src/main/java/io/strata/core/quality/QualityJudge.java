package io.strata.core.quality;

import io.strata.core.contract.QualityRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges a batch's profile against the profiles of the dataset's last committed batches, one
 * verdict per rule of the contract. A pure function of its inputs: the same history gives the same
 * verdicts. A rule that needs history passes, saying so, while fewer than {@link
 * QualityRule#MIN_HISTORY} committed batches have profiles.
 */
public final class QualityJudge {

  private QualityJudge() {}

  /**
   * @param history the profiles of the last committed batches, newest first (each rule uses its own
   *     {@code history} count of them)
   */
  public static List<QualityVerdict> judge(
      List<QualityRule> rules, BatchProfile batch, List<BatchProfile> history) {
    List<QualityVerdict> verdicts = new ArrayList<>();
    for (QualityRule rule : rules) {
      List<BatchProfile> window = history.subList(0, Math.min(rule.history(), history.size()));
      verdicts.add(
          switch (rule.kind()) {
            case ROW_COUNT -> rowCount(rule, batch, window);
            case NULL_RATE -> nullRate(rule, batch, window);
            case MEAN_SHIFT -> MeanShift.judge(rule, batch, window);
            case ALLOWED_VALUES -> allowedValues(rule, batch, window);
          });
    }
    return List.copyOf(verdicts);
  }

  private static QualityVerdict rowCount(
      QualityRule rule, BatchProfile batch, List<BatchProfile> window) {
    double observed = batch.rows();
    if (window.size() < QualityRule.MIN_HISTORY) {
      return tooLittleHistory(rule, observed, window.size());
    }
    double[] counts = window.stream().mapToDouble(BatchProfile::rows).toArray();
    double mean = mean(counts);
    double low;
    double high;
    String band;
    if (rule.stddevs() != null) {
      double spread = rule.stddevs() * stddev(counts, mean);
      low = mean - spread;
      high = mean + spread;
      band = "mean " + number(mean) + " ± " + number(rule.stddevs()) + " standard deviations";
    } else {
      low = mean * (1 - rule.percent() / 100);
      high = mean * (1 + rule.percent() / 100);
      band = "mean " + number(mean) + " ± " + number(rule.percent()) + "%";
    }
    boolean broken = observed < low || observed > high;
    String message =
        String.format(
            Locale.ROOT,
            "row_count: %s rows, expected %s to %s (%s of the last %d batches)",
            number(observed),
            number(low),
            number(high),
            band,
            window.size());
    return verdict(rule, broken, observed, low, high, message);
  }

  private static QualityVerdict nullRate(
      QualityRule rule, BatchProfile batch, List<BatchProfile> window) {
    String column = rule.column();
    double observed = batch.column(column).map(s -> s.nullRate(batch.rows())).orElse(0.0);
    List<BatchProfile> seen = window.stream().filter(p -> p.column(column).isPresent()).toList();
    Double high = rule.maxRate();
    String basis = rule.maxRate() == null ? null : "at most " + percent(rule.maxRate());
    if (rule.maxJump() != null) {
      if (seen.size() >= QualityRule.MIN_HISTORY) {
        double usual =
            mean(
                seen.stream()
                    .mapToDouble(p -> p.columns().get(column).nullRate(p.rows()))
                    .toArray());
        double jumpBound = usual + rule.maxJump();
        String jump =
            percent(usual)
                + " of the last "
                + seen.size()
                + " batches + "
                + number(rule.maxJump() * 100)
                + " points";
        if (high == null || jumpBound < high) {
          high = jumpBound;
          basis = jump;
        }
      } else if (high == null) {
        return tooLittleHistory(rule, observed, seen.size());
      }
    }
    boolean broken = observed > high;
    String message =
        String.format(
            Locale.ROOT,
            "null_rate of %s: %s of rows null, expected at most %s (%s)",
            column,
            percent(observed),
            percent(high),
            basis);
    return verdict(rule, broken, observed, null, high, message);
  }

  private static QualityVerdict allowedValues(
      QualityRule rule, BatchProfile batch, List<BatchProfile> window) {
    String column = rule.column();
    List<Set<String>> past =
        window.stream()
            .filter(p -> p.column(column).map(s -> s.top() != null).orElse(false))
            .map(p -> values(p.columns().get(column)))
            .toList();
    Set<String> now = batch.column(column).map(QualityJudge::values).orElse(Set.of());
    if (past.size() < QualityRule.MIN_HISTORY) {
      return tooLittleHistory(rule, now.size(), past.size());
    }
    Set<String> everSeen = new TreeSet<>();
    past.forEach(everSeen::addAll);
    Set<String> alwaysSeen = new TreeSet<>(past.get(0));
    past.forEach(alwaysSeen::retainAll);
    Set<String> added = new TreeSet<>(now);
    added.removeAll(everSeen);
    Set<String> vanished = new TreeSet<>(alwaysSeen);
    vanished.removeAll(now);
    double observed = added.size() + vanished.size();
    String message =
        String.format(
            Locale.ROOT,
            "allowed_values of %s: new %s, vanished %s, against the last %d batches",
            column,
            added.isEmpty() ? "none" : String.join(", ", added),
            vanished.isEmpty() ? "none" : String.join(", ", vanished),
            past.size());
    return verdict(rule, observed > 0, observed, 0.0, 0.0, message);
  }

  private static Set<String> values(ColumnStats stats) {
    Set<String> values = new TreeSet<>();
    if (stats.top() != null) {
      stats.top().forEach(v -> values.add(v.value()));
    }
    return values;
  }

  static QualityVerdict tooLittleHistory(QualityRule rule, double observed, int batches) {
    return new QualityVerdict(
        rule.kind().label(),
        rule.column(),
        rule.action(),
        VerdictOutcome.PASS,
        observed,
        null,
        null,
        String.format(
            Locale.ROOT,
            "%s: not judged, %d committed batches with profiles, at least %d needed",
            label(rule),
            batches,
            QualityRule.MIN_HISTORY));
  }

  static QualityVerdict verdict(
      QualityRule rule, boolean broken, double observed, Double low, Double high, String message) {
    VerdictOutcome outcome =
        !broken
            ? VerdictOutcome.PASS
            : rule.action() == QualityRule.Action.QUARANTINE
                ? VerdictOutcome.QUARANTINE
                : VerdictOutcome.WARN;
    return new QualityVerdict(
        rule.kind().label(), rule.column(), rule.action(), outcome, observed, low, high, message);
  }

  private static String label(QualityRule rule) {
    return rule.column() == null
        ? rule.kind().label()
        : rule.kind().label() + " of " + rule.column();
  }

  static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  /** The sample standard deviation. */
  static double stddev(double[] values, double mean) {
    double squares = 0;
    for (double value : values) {
      squares += (value - mean) * (value - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }

  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.4g", value);
  }

  private static String percent(double rate) {
    return number(rate * 100) + "%";
  }
}
