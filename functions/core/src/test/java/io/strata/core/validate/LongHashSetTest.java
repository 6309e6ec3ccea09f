package io.strata.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongHashSetTest {

  @Test
  void drainsEveryDistinctValueSortedSignedWithZeroAndExtremesInPlace() {
    LongHashSet set = new LongHashSet();
    SplittableRandom random = new SplittableRandom(3);
    Set<Long> expected = new HashSet<>();
    long[] extremes = {0L, Long.MIN_VALUE, Long.MAX_VALUE, -1L, 1L};
    for (long value : extremes) {
      assertThat(set.add(value)).isTrue();
      expected.add(value);
    }
    for (int i = 0; i < 300_000; i++) {
      long value = random.nextLong();
      assertThat(set.add(value)).isEqualTo(expected.add(value));
      // Every tenth value comes again, and must be refused.
      if (i % 10 == 0) {
        assertThat(set.add(value)).isFalse();
      }
    }
    assertThat(set.size()).isEqualTo(expected.size());

    long[][] drained = new long[1][];
    set.drainSorted((sorted, count) -> drained[0] = Arrays.copyOf(sorted, count));

    long[] wanted = expected.stream().mapToLong(Long::longValue).sorted().toArray();
    assertThat(drained[0]).isEqualTo(wanted);
    assertThat(set.size()).isZero();
  }

  @Test
  void isEmptyAndReusableAfterDraining() {
    LongHashSet set = new LongHashSet();
    for (long value = -500; value <= 500; value++) {
      set.add(value * 0x9e3779b97f4a7c15L);
    }
    set.drainSorted((sorted, count) -> assertThat(count).isEqualTo(1001));

    assertThat(set.add(42L)).isTrue();
    assertThat(set.add(42L)).isFalse();
    long[][] drained = new long[1][];
    set.drainSorted((sorted, count) -> drained[0] = Arrays.copyOf(sorted, count));
    assertThat(drained[0]).containsExactly(42L);
  }

  @Test
  void valuesCrowdedIntoOneHomeSlotWrapAroundAndStillDrainSorted() {
    LongHashSet set = new LongHashSet();
    // All share their top bits, so one home slot: the cluster runs past the end and wraps.
    for (long value = Long.MAX_VALUE; value > Long.MAX_VALUE - 5_000; value--) {
      assertThat(set.add(value)).isTrue();
    }
    long[][] drained = new long[1][];
    set.drainSorted((sorted, count) -> drained[0] = Arrays.copyOf(sorted, count));
    assertThat(drained[0]).hasSize(5_000).isSorted();
    assertThat(drained[0][4_999]).isEqualTo(Long.MAX_VALUE);
  }
}
