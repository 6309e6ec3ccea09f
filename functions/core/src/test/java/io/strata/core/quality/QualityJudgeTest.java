package io.strata.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.QualityRule;
import io.strata.core.contract.QualityRule.Action;
import io.strata.core.contract.QualityRule.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityJudgeTest {

  private static BatchProfile batch(
      long rows, long nulls, Double mean, Double stddev, String... values) {
    List<ValueCount> top =
        values.length == 0
            ? null
            : java.util.Arrays.stream(values).map(v -> new ValueCount(v, 1)).toList();
    return new BatchProfile(
        rows, Map.of("c", new ColumnStats(nulls, 0, null, null, null, mean, stddev, top)));
  }

  private static QualityRule rule(
      Kind kind, Action action, Double stddevs, Double maxRate, Double maxJump) {
    return new QualityRule(
        kind, kind == Kind.ROW_COUNT ? null : "c", action, 10, stddevs, null, maxRate, maxJump);
  }

  @Test
  void meanShiftJudgesAgainstThePooledSpreadOfTheHistorysValues() {
    List<BatchProfile> history =
        List.of(batch(100, 0, 50.0, 10.0), batch(100, 0, 52.0, 10.0), batch(100, 0, 48.0, 10.0));
    QualityRule shift = rule(Kind.MEAN_SHIFT, Action.QUARANTINE, 3.0, null, null);

    QualityVerdict usual =
        QualityJudge.judge(List.of(shift), batch(100, 0, 60.0, 10.0), history).get(0);
    QualityVerdict tenfold =
        QualityJudge.judge(List.of(shift), batch(100, 0, 500.0, 10.0), history).get(0);

    assertThat(usual.outcome()).isEqualTo(VerdictOutcome.PASS);
    assertThat(usual.expectedLow()).isBetween(19.0, 21.0);
    assertThat(usual.expectedHigh()).isBetween(79.0, 81.0);
    assertThat(tenfold.outcome()).isEqualTo(VerdictOutcome.QUARANTINE);
    assertThat(tenfold.message()).startsWith("mean_shift of c: mean 500, expected ");
  }

  @Test
  void nullRateJumpIsMeasuredInPointsOverTheHistorysMeanRate() {
    List<BatchProfile> history =
        List.of(batch(100, 10, null, null), batch(100, 12, null, null), batch(100, 8, null, null));
    QualityRule jump = rule(Kind.NULL_RATE, Action.WARN, null, 0.9, 0.1);

    QualityVerdict within =
        QualityJudge.judge(List.of(jump), batch(100, 19, null, null), history).get(0);
    QualityVerdict jumped =
        QualityJudge.judge(List.of(jump), batch(100, 25, null, null), history).get(0);

    assertThat(within.outcome()).isEqualTo(VerdictOutcome.PASS);
    assertThat(jumped.outcome()).isEqualTo(VerdictOutcome.WARN);
    assertThat(jumped.expectedHigh()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(jumped.message())
        .isEqualTo(
            "null_rate of c: 25% of rows null, expected at most 20% (10% of the last 3 batches + 10"
                + " points)");
  }

  @Test
  void allowedValuesNamesNewAndVanishedValues() {
    List<BatchProfile> history =
        List.of(
            batch(3, 0, null, null, "EUR", "USD"),
            batch(3, 0, null, null, "EUR", "USD", "GBP"),
            batch(3, 0, null, null, "EUR", "USD"));
    QualityRule values = rule(Kind.ALLOWED_VALUES, Action.WARN, null, null, null);

    QualityVerdict same =
        QualityJudge.judge(List.of(values), batch(3, 0, null, null, "EUR", "GBP", "USD"), history)
            .get(0);
    QualityVerdict changed =
        QualityJudge.judge(List.of(values), batch(3, 0, null, null, "EUR", "CHF"), history).get(0);

    assertThat(same.outcome()).isEqualTo(VerdictOutcome.PASS);
    assertThat(changed.outcome()).isEqualTo(VerdictOutcome.WARN);
    assertThat(changed.observed()).isEqualTo(2.0);
    assertThat(changed.message())
        .isEqualTo("allowed_values of c: new CHF, vanished USD, against the last 3 batches");
  }

  @Test
  void sameHistoryGivesTheSameVerdicts() {
    List<BatchProfile> history =
        List.of(
            batch(90, 0, 1.0, 1.0),
            batch(110, 0, 1.0, 1.0),
            batch(100, 0, 1.0, 1.0),
            batch(5, 0, 1.0, 1.0));
    List<QualityRule> rules =
        List.of(
            new QualityRule(Kind.ROW_COUNT, null, Action.QUARANTINE, 3, 2.0, null, null, null),
            rule(Kind.MEAN_SHIFT, Action.WARN, 2.0, null, null));

    List<QualityVerdict> first = QualityJudge.judge(rules, batch(200, 0, 1.5, 1.0), history);
    List<QualityVerdict> again = QualityJudge.judge(rules, batch(200, 0, 1.5, 1.0), history);

    assertThat(first).isEqualTo(again);
    // history: 3 uses only the newest three batches (90, 110, 100), not the fourth
    assertThat(first.get(0).message()).contains("of the last 3 batches");
    assertThat(first.get(0).outcome()).isEqualTo(VerdictOutcome.QUARANTINE);
  }
}
