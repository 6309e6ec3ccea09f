package io.strata.api.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.core.quality.QualityVerdict;
import java.util.Locale;

/**
 * A quality verdict as the route shows it: {@code action} {@code warn|quarantine}, {@code outcome}
 * {@code pass|warn|quarantine}. Observed value, band and message are left out where they would show
 * what the role may not see.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerdictView(
    String rule,
    String column,
    String action,
    String outcome,
    Double observed,
    Double expectedLow,
    Double expectedHigh,
    String message) {

  static VerdictView of(QualityVerdict verdict) {
    return new VerdictView(
        verdict.rule(),
        verdict.column(),
        verdict.action().name().toLowerCase(Locale.ROOT),
        verdict.outcome().name().toLowerCase(Locale.ROOT),
        verdict.observed(),
        verdict.expectedLow(),
        verdict.expectedHigh(),
        verdict.message());
  }

  /** Only what the rule and its result are, without any figure or sentence. */
  VerdictView withoutDetails() {
    return new VerdictView(rule, column, action, outcome, null, null, null, null);
  }
}
