package io.strata.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.DatasetContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyTrackerSpillTest {

  private static final DatasetContract KEYED =
      RowValidatorTest.contract(
          """
          name: sample
          version: 1
          format: csv
          columns:
            - {name: id, type: string}
            - {name: day, type: date}
          key: [id, day]
          """);

  private static final LocalDate DAY = LocalDate.of(2024, 1, 1);

  @TempDir Path spillDirectory;

  @Test
  void checkingRowsInBatchesAnswersExactlyAsCheckingThemOneByOne() {
    KeySpillSettings settings = new KeySpillSettings(1024, 1024, spillDirectory);
    Object[][] rows = new Object[20_000][];
    for (int i = 0; i < rows.length; i++) {
      // Every fifth row repeats an earlier key, some within the same batch, many long spilled.
      rows[i] = row("K" + (i % 5 == 4 ? (i * 7919L) % i : i));
    }
    boolean[] oneByOne = new boolean[rows.length];
    boolean[] batched = new boolean[rows.length];
    try (KeyTracker single = new KeyTracker(KEYED, settings);
        KeyTracker batches = new KeyTracker(KEYED, settings)) {
      for (int i = 0; i < rows.length; i++) {
        oneByOne[i] = single.firstSeen(rows[i]);
      }
      boolean[] answers = new boolean[64];
      for (int from = 0; from < rows.length; from += 64) {
        int count = Math.min(64, rows.length - from);
        Object[][] batch = java.util.Arrays.copyOfRange(rows, from, from + count);
        batches.firstSeen(batch, count, answers);
        System.arraycopy(answers, 0, batched, from, count);
      }
      assertThat(batches.distinctKeys()).isEqualTo(single.distinctKeys());
    }

    assertThat(batched).isEqualTo(oneByOne);
    assertThat(countTrue(batched)).isLessThan(rows.length).isGreaterThan(rows.length / 2);
  }

  @Test
  void aBatchOfAContractWithoutKeyIsAllFirstSeen() {
    DatasetContract unkeyed =
        RowValidatorTest.contract(
            """
            name: sample
            version: 1
            format: csv
            columns:
              - {name: id, type: string}
            """);
    boolean[] answers = new boolean[3];
    try (KeyTracker tracker = new KeyTracker(unkeyed)) {
      Object[] same = {"A"};
      tracker.firstSeen(new Object[][] {same, same, same}, 3, answers);
    }
    assertThat(answers).containsOnly(true);
  }

  private static int countTrue(boolean[] values) {
    int n = 0;
    for (boolean value : values) {
      n += value ? 1 : 0;
    }
    return n;
  }

  @Test
  void remembersKeysHeldInMemoryAndInSpilledRuns() throws IOException {
    KeyTracker tracker = new KeyTracker(KEYED, new KeySpillSettings(1024, 1024, spillDirectory));

    int fresh = 0;
    for (int i = 0; i < 50_000; i++) {
      fresh += tracker.firstSeen(row("K" + i)) ? 1 : 0;
    }
    long runFiles = countFiles();
    long inMemory = tracker.keysInMemory();
    int repeatedAsFresh = 0;
    for (int i = 0; i < 50_000; i++) {
      repeatedAsFresh += tracker.firstSeen(row("K" + i)) ? 1 : 0;
    }
    long distinct = tracker.distinctKeys();
    tracker.close();

    assertThat(fresh).isEqualTo(50_000);
    // 48 spills: six octets of level-0 runs merged into six level-1 runs.
    assertThat(runFiles).isEqualTo(6);
    assertThat(inMemory).isEqualTo(50_000 - 48 * 1024);
    assertThat(repeatedAsFresh).isZero();
    assertThat(distinct).isEqualTo(50_000);
    assertThat(countFiles()).isZero();
  }

  @Test
  void detectsDuplicateWhoseFirstOccurrenceWasSpilledEarly() {
    try (KeyTracker tracker =
        new KeyTracker(KEYED, new KeySpillSettings(100, 64, spillDirectory))) {
      boolean first = tracker.firstSeen(row("early"));
      for (int i = 0; i < 10_000; i++) {
        tracker.firstSeen(row("filler-" + i));
      }

      boolean late = tracker.firstSeen(row("early"));
      boolean unseen = tracker.firstSeen(row("never-offered"));

      assertThat(first).isTrue();
      assertThat(late).isFalse();
      assertThat(unseen).isTrue();
      assertThat(tracker.distinctKeys()).isEqualTo(10_002);
    }
  }

  @Test
  void tracksHashZeroAndExtremeHashesInMemoryAndAfterSpilling() {
    try (KeyTracker tracker = new KeyTracker(KEYED, new KeySpillSettings(8, 64, spillDirectory))) {
      long[] extremes = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L};
      boolean[] firstOffers = new boolean[extremes.length];
      for (int i = 0; i < extremes.length; i++) {
        firstOffers[i] = tracker.firstSeenHash(extremes[i]);
      }
      boolean zeroInMemory = tracker.firstSeenHash(0L);
      for (long filler = 2; filler <= 4; filler++) {
        tracker.firstSeenHash(filler);
      }
      long inMemoryAfterSpill = tracker.keysInMemory();
      boolean[] repeatedOffers = new boolean[extremes.length];
      for (int i = 0; i < extremes.length; i++) {
        repeatedOffers[i] = tracker.firstSeenHash(extremes[i]);
      }

      assertThat(firstOffers).containsOnly(true);
      assertThat(zeroInMemory).isFalse();
      assertThat(inMemoryAfterSpill).isZero();
      assertThat(repeatedOffers).containsOnly(false);
      assertThat(tracker.distinctKeys()).isEqualTo(8);
    }
  }

  @Test
  void mergesRunsInTiersAndStillFindsEveryKey() throws IOException {
    try (KeyTracker tracker =
        new KeyTracker(KEYED, new KeySpillSettings(10, 1 << 12, spillDirectory))) {
      int fresh = 0;
      for (long i = 0; i < 1_000; i++) {
        fresh += tracker.firstSeenHash(i * 0x9e3779b97f4a7c15L) ? 1 : 0;
      }
      long runFiles = countFiles();
      int repeatedAsFresh = 0;
      for (long i = 0; i < 1_000; i++) {
        repeatedAsFresh += tracker.firstSeenHash(i * 0x9e3779b97f4a7c15L) ? 1 : 0;
      }
      int unseenAsDuplicate = 0;
      for (long i = 1_000; i < 2_000; i++) {
        unseenAsDuplicate += tracker.firstSeenHash(i * 0x9e3779b97f4a7c15L) ? 0 : 1;
      }

      assertThat(fresh).isEqualTo(1_000);
      // 100 spills = 1 * 64 + 4 * 8 + 4: one level-2 run, four level-1 runs, four level-0 runs.
      assertThat(runFiles).isEqualTo(9);
      assertThat(repeatedAsFresh).isZero();
      assertThat(unseenAsDuplicate).isZero();
      assertThat(tracker.distinctKeys()).isEqualTo(2_000);
    }
  }

  @Test
  void keepsAtMostTheCapOfKeysInMemory() {
    try (KeyTracker tracker =
        new KeyTracker(KEYED, new KeySpillSettings(1000, 1 << 20, spillDirectory))) {
      long mostInMemory = 0;
      for (long i = 0; i < 200_000; i++) {
        tracker.firstSeenHash(i * 0x9e3779b97f4a7c15L);
        mostInMemory = Math.max(mostInMemory, tracker.keysInMemory());
      }

      assertThat(mostInMemory).isEqualTo(999);
      assertThat(tracker.distinctKeys()).isEqualTo(200_000);
    }
  }

  @Test
  void writesNothingToDiskBelowTheCap() throws IOException {
    try (KeyTracker tracker =
        new KeyTracker(KEYED, new KeySpillSettings(1000, 4096, spillDirectory))) {
      for (int i = 0; i < 999; i++) {
        tracker.firstSeen(row("K" + i));
      }

      assertThat(countFiles()).isZero();
      assertThat(tracker.keysInMemory()).isEqualTo(999);
    }
  }

  @Test
  void closingTwiceIsHarmless() throws IOException {
    KeyTracker tracker = new KeyTracker(KEYED, new KeySpillSettings(10, 64, spillDirectory));
    for (int i = 0; i < 100; i++) {
      tracker.firstSeen(row("K" + i));
    }
    long whileOpen = countFiles();

    tracker.close();
    tracker.close();

    // Ten spills: the first eight merged into one run, then two more.
    assertThat(whileOpen).isEqualTo(3);
    assertThat(countFiles()).isZero();
  }

  @Test
  void reportsWhereItCannotSpill() {
    Path missing = spillDirectory.resolve("missing");
    KeyTracker tracker = new KeyTracker(KEYED, new KeySpillSettings(2, 64, missing));
    tracker.firstSeen(row("a"));

    assertThatThrownBy(() -> tracker.firstSeen(row("b")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("Cannot spill business keys to " + missing + ": ")
        .hasCauseInstanceOf(NoSuchFileException.class);
  }

  @Test
  void rejectsBloomFilterSizeThatIsNotAPowerOfTwo() {
    assertThatThrownBy(() -> new KeySpillSettings(1000, 1000, spillDirectory))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot track business keys: bloomFilterBytes must be a power of two from 8 to"
                + " 268435456, got 1000");
  }

  @Test
  void rejectsNonPositiveCap() {
    assertThatThrownBy(() -> new KeySpillSettings(0, 1024, spillDirectory))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot track business keys: maxKeysInMemory must be positive, got 0");
  }

  private static Object[] row(String id) {
    return new Object[] {id, DAY};
  }

  private long countFiles() throws IOException {
    try (Stream<Path> files = Files.list(spillDirectory)) {
      return files.count();
    }
  }
}
