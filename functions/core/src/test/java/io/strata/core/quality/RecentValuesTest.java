package io.strata.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentValuesTest {

  @Test
  void aValueIsNewUntilRememberedAndAgainOnceItsSlotHoldsAnother() {
    RecentValues recent = new RecentValues();

    assertThat(recent.add(0)).as("zero is a value like any other").isTrue();
    assertThat(recent.add(0)).isFalse();
    assertThat(recent.add(42)).isTrue();
    assertThat(recent.add(42)).isFalse();

    // Some other value shares 42's slot: remembering it forgets 42, and 42 then forgets it.
    long other = 43;
    recent.add(other);
    while (!recent.add(42)) {
      recent.add(++other);
    }
    assertThat(other).isLessThan(100_000);
    assertThat(recent.add(42)).isFalse();
    assertThat(recent.add(other)).isTrue();
  }

  @Test
  void clearForgetsEveryValue() {
    RecentValues recent = new RecentValues();
    recent.add(7);

    recent.clear();

    assertThat(recent.add(7)).isTrue();
  }
}
