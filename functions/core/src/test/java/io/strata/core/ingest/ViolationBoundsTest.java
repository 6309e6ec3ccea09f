package io.strata.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.validate.Violation;
import org.junit.jupiter.api.Test;

class ViolationBoundsTest {

  @Test
  void keepsShortViolationsAsTheyAre() {
    Violation v = new Violation(3, "currency", "allowed", "CHF", "currency: 'CHF' is not allowed");

    assertThat(ViolationBounds.bounded(v)).isSameAs(v);
  }

  @Test
  void shortensAHugeValueAndTheMessageQuotingIt() {
    String huge = "x".repeat(1_000_000);
    Violation v = new Violation(7, "counterparty", "max_length", huge, "counterparty: '" + huge);

    Violation bounded = ViolationBounds.bounded(v);

    assertThat(bounded.value()).isEqualTo("x".repeat(200) + "…(1000000 chars)");
    assertThat(bounded.message())
        .isEqualTo("counterparty: '" + "x".repeat(485) + "…(1000015 chars)");
    assertThat(bounded.line()).isEqualTo(7);
    assertThat(bounded.rule()).isEqualTo("max_length");
  }

  @Test
  void neverSplitsASurrogatePair() {
    String emoji = "😀".repeat(300);

    assertThat(ViolationBounds.shorten(emoji, 200))
        .startsWith("😀".repeat(200))
        .endsWith("…(600 chars)");
  }
}
