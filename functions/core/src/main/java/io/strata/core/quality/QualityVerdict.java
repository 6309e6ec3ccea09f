package io.strata.core.quality;

import io.strata.core.contract.QualityRule;
import java.util.Objects;

/**
 * How one batch fared against one quality rule: the value observed, the band the batch's history
 * expected, and a sentence for a person.
 *
 * @param rule the rule's kind ({@code row_count}, {@code null_rate}, {@code mean_shift}, {@code
 *     allowed_values})
 * @param column the rule's column, or null for a rule on the whole batch
 * @param observed null when the batch has nothing to observe (no values of the column)
 * @param expectedLow null when the band has no lower end or history was too short
 * @param expectedHigh null when the band has no upper end or history was too short
 */
public record QualityVerdict(
    String rule,
    String column,
    QualityRule.Action action,
    VerdictOutcome outcome,
    Double observed,
    Double expectedLow,
    Double expectedHigh,
    String message) {

  public QualityVerdict {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
  }

  /** Whether the observed value or the message could show values of the column. */
  public boolean showsValues() {
    return rule.equals("mean_shift") || rule.equals("allowed_values");
  }
}
