package io.strata.core.ingest.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CrossRangeKeysTest {

  @Test
  void aKeyInSeveralRangesIsKeptByTheFirstAndRejectedByEveryLaterOne() {
    List<RangeKeys> ranges = List.of(keys(5, 2, 9, 3), keys(7, 11, 5, 12), keys(5, 20, 1, 21));

    long[][] duplicates = CrossRangeKeys.duplicates(3, i -> open(ranges.get(i)));

    assertThat(duplicates[0]).isEmpty();
    assertThat(duplicates[1]).containsExactly(12);
    assertThat(duplicates[2]).containsExactly(20);
  }

  @Test
  void randomKeysAgreeWithAPlainMapOfFirstLines() {
    Random random = new Random(1);
    int rangeCount = 9;
    List<RangeKeys> ranges = new ArrayList<>();
    Map<Long, Long> firstLine = new HashMap<>();
    List<List<Long>> expected = new ArrayList<>();
    long line = 1;
    for (int r = 0; r < rangeCount; r++) {
      RangeKeys keys = new RangeKeys();
      List<Long> later = new ArrayList<>();
      java.util.Set<Long> local = new java.util.HashSet<>();
      for (int i = 0; i < 500; i++, line++) {
        long hash = random.nextInt(3000) - 1500L;
        if (!local.add(hash)) {
          continue;
        }
        keys.add(hash, line);
        if (firstLine.putIfAbsent(hash, line) != null) {
          later.add(line);
        }
      }
      ranges.add(keys);
      expected.add(later);
    }

    long[][] duplicates = CrossRangeKeys.duplicates(rangeCount, i -> open(ranges.get(i)));

    for (int r = 0; r < rangeCount; r++) {
      assertThat(duplicates[r])
          .containsExactly(expected.get(r).stream().mapToLong(Long::longValue).toArray());
    }
  }

  @Test
  void rangesWithoutKeysTakePartInNothing() {
    long[][] duplicates = CrossRangeKeys.duplicates(2, i -> null);

    assertThat(duplicates[0]).isEmpty();
    assertThat(duplicates[1]).isEmpty();
  }

  private static RangeKeys keys(long... hashAndLine) {
    RangeKeys keys = new RangeKeys();
    for (int i = 0; i < hashAndLine.length; i += 2) {
      keys.add(hashAndLine[i], hashAndLine[i + 1]);
    }
    return keys;
  }

  private static ByteArrayInputStream open(RangeKeys keys) {
    return new ByteArrayInputStream(keys.encode());
  }
}
