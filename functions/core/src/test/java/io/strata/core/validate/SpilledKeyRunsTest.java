package io.strata.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpilledKeyRunsTest {

  @TempDir Path spillDirectory;

  @Test
  void findsEveryHashOfARunLongerThanItsFencesCover() {
    // 4 M hashes over 4096 fences: windows of 977 hashes, searched on disk before the final block.
    int count = 4_000_000;
    long[] sorted = new long[count];
    for (int i = 0; i < count; i++) {
      sorted[i] = 2L * i - count;
    }
    try (SpilledKeyRuns runs = new SpilledKeyRuns(spillDirectory)) {
      runs.write(sorted, count);

      int missing = 0;
      int phantom = 0;
      for (int i = 0; i < count; i += 7) {
        missing += runs.contains(sorted[i]) ? 0 : 1;
        phantom += runs.contains(sorted[i] + 1) ? 1 : 0;
      }
      boolean last = runs.contains(sorted[count - 1]);
      boolean belowFirst = runs.contains(sorted[0] - 1);
      boolean aboveLast = runs.contains(sorted[count - 1] + 1);

      assertThat(missing).isZero();
      assertThat(phantom).isZero();
      assertThat(last).isTrue();
      assertThat(belowFirst).isFalse();
      assertThat(aboveLast).isFalse();
      assertThat(runs.keys()).isEqualTo(count);
      assertThat(runs.runs()).isEqualTo(1);
    }
  }
}
