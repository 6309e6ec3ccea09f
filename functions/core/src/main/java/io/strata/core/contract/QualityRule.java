package io.strata.core.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One anomaly rule of a contract's {@code quality:} list, judged against the profiles of the
 * dataset's last {@code history} committed batches before a batch commits. Read by {@link
 * QualityRules}, which checks that each kind has the bounds it needs.
 *
 * @param column null for {@link Kind#ROW_COUNT}
 * @param history how many of the last committed batches form the expected band
 * @param stddevs row count or mean allowed within this many standard deviations, or null
 * @param percent row count allowed within this percentage of the history's mean, or null
 * @param maxRate the highest null rate allowed (0 to 1), or null
 * @param maxJump the most the null rate may rise over the history's mean rate (0 to 1: 0.1 is 10
 *     percentage points), or null
 */
public record QualityRule(
    Kind kind,
    String column,
    Action action,
    int history,
    Double stddevs,
    Double percent,
    Double maxRate,
    Double maxJump) {

  /** Batches judged by default. */
  public static final int DEFAULT_HISTORY = 10;

  /** Fewer committed batches with profiles than this, and a rule needing history passes. */
  public static final int MIN_HISTORY = 3;

  /** What a rule watches. */
  public enum Kind {
    /** The batch's accepted rows against the history's. */
    ROW_COUNT,
    /** A column's share of rows without a value: above a bound, or jumping. */
    NULL_RATE,
    /** A numeric column's mean against the history's mean and spread. */
    MEAN_SHIFT,
    /** An allowed value never seen in the history, or one seen in every batch of it gone. */
    ALLOWED_VALUES;

    /** The name as contracts and verdicts spell it. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What a broken rule does to the batch. */
  public enum Action {
    /** The batch commits; the verdict is recorded with it and logged. */
    @JsonProperty("warn")
    WARN,
    /** The whole batch goes to quarantine with a report naming the rule. */
    @JsonProperty("quarantine")
    QUARANTINE
  }

  public QualityRule {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(action, "action");
  }
}
