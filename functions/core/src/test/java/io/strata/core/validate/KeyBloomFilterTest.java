package io.strata.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyBloomFilterTest {

  @Test
  void neverForgetsAnAddedHash() {
    KeyBloomFilter filter = new KeyBloomFilter(1 << 14);
    SplittableRandom random = new SplittableRandom(7);
    long[] added = random.longs(10_000).toArray();
    for (long hash : added) {
      filter.add(hash);
    }

    int forgotten = 0;
    for (long hash : added) {
      forgotten += filter.mightContain(hash) ? 0 : 1;
    }

    assertThat(forgotten).isZero();
  }

  @Test
  void answersMaybeRarelyForHashesNeverAdded() {
    KeyBloomFilter filter = new KeyBloomFilter(1 << 14);
    SplittableRandom random = new SplittableRandom(11);
    random.longs(10_000).forEach(filter::add);

    long maybes = random.longs(100_000).filter(filter::mightContain).count();

    // 13 bits per key and 5 probes give about 0.3% false positives.
    assertThat(maybes).isBetween(1L, 1_000L);
  }

  @Test
  void answersNoForEverythingWhenEmpty() {
    KeyBloomFilter filter = new KeyBloomFilter(8);

    boolean zero = filter.mightContain(0L);
    boolean minusOne = filter.mightContain(-1L);

    assertThat(zero).isFalse();
    assertThat(minusOne).isFalse();
  }
}
