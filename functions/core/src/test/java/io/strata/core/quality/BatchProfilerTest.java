package io.strata.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.strata.core.contract.ContractLoader;
import io.strata.core.contract.DatasetContract;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.junit.jupiter.api.Test;

class BatchProfilerTest {

  private static final DatasetContract BANK =
      ContractLoader.load(Path.of("../../datasets/bank_transactions.yaml"));
  private static final DatasetContract TELECOM =
      ContractLoader.load(Path.of("../../datasets/telecom_usage.yaml"));

  @Test
  void mergingTheProfilesOfTwoHalvesGivesTheProfileOfTheWhole() {
    // given
    List<Object[]> rows = rows(new Random(3), 5_000);
    BatchProfiler whole = new BatchProfiler(BANK);
    BatchProfiler first = new BatchProfiler(BANK);
    BatchProfiler second = new BatchProfiler(BANK);
    for (int i = 0; i < rows.size(); i++) {
      whole.add(rows.get(i));
      (i < 2_000 ? first : second).add(rows.get(i));
    }

    // when
    BatchProfile merged = first.merge(second).profile();

    // then
    BatchProfile expected = whole.profile();
    assertThat(merged.rows()).isEqualTo(expected.rows()).isEqualTo(5_000);
    for (String column : expected.columns().keySet()) {
      ColumnStats a = merged.column(column).orElseThrow();
      ColumnStats b = expected.column(column).orElseThrow();
      assertThat(a.nulls()).as(column).isEqualTo(b.nulls());
      assertThat(a.empties()).as(column).isEqualTo(b.empties());
      assertThat(a.min()).as(column).isEqualTo(b.min());
      assertThat(a.max()).as(column).isEqualTo(b.max());
      // A union loses the sketch's running (HIP) estimator: equal within the sketch's error.
      long exact = exactDistinct(rows, BANK.indexOf(column));
      assertThat(a.distinct().doubleValue()).as(column).isCloseTo(exact, within(0.04 * exact));
      assertThat(b.distinct().doubleValue()).as(column).isCloseTo(exact, within(0.04 * exact));
      assertThat(a.top()).as(column).isEqualTo(b.top());
      if (b.mean() != null) {
        assertThat(a.mean()).as(column).isCloseTo(b.mean(), within(1e-9));
        assertThat(a.stddev()).as(column).isCloseTo(b.stddev(), within(1e-9));
      }
    }
    assertThat(expected.column("amount").orElseThrow().mean()).isNotNull();
    // Allowed texts take their extremes from their counts: the smallest and largest value seen.
    assertThat(expected.column("currency").orElseThrow().min()).isEqualTo("EUR");
    assertThat(expected.column("currency").orElseThrow().max()).isEqualTo("USD");
    assertThat(merged.column("channel").orElseThrow().min()).isEqualTo("ATM");
    assertThat(merged.column("channel").orElseThrow().max()).isEqualTo("POS");
  }

  @Test
  void repeatedValuesSkipTheSketchWithoutChangingItsEstimate() {
    // given: 3,000 names over 60,000 rows, each repeated at random distances
    Random random = new Random(11);
    int counterparty = BANK.indexOf("counterparty");
    BatchProfiler profiler = new BatchProfiler(BANK);
    HllSketch everyValue = new HllSketch(ColumnProfiler.LG_K, TgtHllType.HLL_8);
    for (int i = 0; i < 60_000; i++) {
      String name = "Shop " + random.nextInt(3_000);
      Object[] values = new Object[BANK.columns().size()];
      values[counterparty] = name;
      profiler.add(values);
      everyValue.update(ColumnProfiler.hash64(name));
    }

    // when
    long distinct = profiler.profile().column("counterparty").orElseThrow().distinct();

    // then: the same registers as a sketch updated with every value, so the same estimate
    assertThat(distinct).isEqualTo(Math.round(everyValue.getEstimate()));
    assertThat((double) distinct).isCloseTo(3_000, within(0.05 * 3_000));
  }

  @Test
  void partsCountedInOtherProcessesMergeFromTheirBytesIntoTheProfileOfTheWhole() {
    // given: three byte ranges' workers, each handing its profiler on as bytes
    List<Object[]> rows = rows(new Random(7), 3_000);
    BatchProfiler whole = new BatchProfiler(BANK);
    List<BatchProfiler> parts =
        List.of(new BatchProfiler(BANK), new BatchProfiler(BANK), new BatchProfiler(BANK));
    for (int i = 0; i < rows.size(); i++) {
      whole.add(rows.get(i));
      parts.get(i * 3 / rows.size()).add(rows.get(i));
    }

    // when
    BatchProfiler merged = new BatchProfiler(BANK);
    for (BatchProfiler part : parts) {
      merged.merge(BatchProfiler.fromBytes(BANK, part.toBytes()));
    }

    // then: exactly what merging the profilers themselves gives
    BatchProfiler direct = new BatchProfiler(BANK);
    parts.forEach(direct::merge);
    assertThat(merged.profile()).isEqualTo(direct.profile());
    assertThat(merged.profile().rows()).isEqualTo(whole.profile().rows()).isEqualTo(3_000);
    assertThat(merged.profile().column("amount").orElseThrow().min())
        .isEqualTo(whole.profile().column("amount").orElseThrow().min());
    assertThat(BatchProfiler.fromBytes(BANK, whole.toBytes()).profile()).isEqualTo(whole.profile());
  }

  @Test
  void bytesOfAnotherContractsProfilerAreRefusedByName() {
    byte[] telecom = new BatchProfiler(TELECOM).toBytes();

    assertThatThrownBy(() -> BatchProfiler.fromBytes(BANK, telecom))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot read a batch profile of bank_transactions:");
    assertThatThrownBy(() -> BatchProfiler.fromBytes(BANK, new byte[] {0, 0, 0, 1, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot read a batch profile of bank_transactions:");
  }

  @Test
  void bytesOfTheFormerFormatAreRefusedRatherThanMergedWithAnotherTextHash() {
    byte[] former = new BatchProfiler(BANK).toBytes();
    // Format 1 hashed texts one unit per step: its sketches must not meet format 2's.
    former[3] = 1;

    assertThatThrownBy(() -> BatchProfiler.fromBytes(BANK, former))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format 1 with 7 columns, expected format 2 with 7");
  }

  @Test
  void distinctTextsAreEstimatedWithinTheSketchsErrorAndKeysAndAllowedValuesCountedExactly() {
    // given: 200,000 texts that differ in a digit or two, the hardest case for a weak text hash
    BatchProfiler profiler = new BatchProfiler(BANK);
    int id = BANK.indexOf("transaction_id");
    int counterparty = BANK.indexOf("counterparty");
    int currency = BANK.indexOf("currency");
    String[] currencies = {"EUR", "USD", "GBP"};
    for (int i = 0; i < 200_000; i++) {
      Object[] values = new Object[BANK.columns().size()];
      values[id] = String.format(java.util.Locale.ROOT, "TX%010d", i);
      values[counterparty] = String.format(java.util.Locale.ROOT, "Shop %08d", i);
      values[currency] = currencies[i % 2];
      profiler.add(values);
    }

    // when
    BatchProfile profile = profiler.profile();

    // then
    assertThat(profile.column("counterparty").orElseThrow().distinct().doubleValue())
        .isCloseTo(200_000, within(0.05 * 200_000));
    assertThat(profile.column("transaction_id").orElseThrow().distinct())
        .as("the business key is unique in a batch")
        .isEqualTo(200_000);
    assertThat(profile.column("currency").orElseThrow().distinct()).isEqualTo(2);
  }

  @Test
  void profileSurvivesItsSnapshotSummaryForm() {
    BatchProfiler profiler = new BatchProfiler(BANK);
    rows(new Random(5), 100).forEach(profiler::add);
    BatchProfile profile = profiler.profile();

    BatchProfile read =
        BatchProfile.fromSummary(java.util.Map.of(BatchProfile.SUMMARY_KEY, profile.toJson()))
            .orElseThrow();

    assertThat(read).isEqualTo(profile);
    assertThat(read.columns().keySet())
        .containsExactly(profile.columns().keySet().toArray(String[]::new));
  }

  @Test
  void unreadableOrMissingProfileIsAbsentNotAnError() {
    assertThat(BatchProfile.fromSummary(java.util.Map.of())).isEmpty();
    assertThat(BatchProfile.fromSummary(java.util.Map.of(BatchProfile.SUMMARY_KEY, "{broken")))
        .isEmpty();
  }

  @Test
  void hashedColumnHasADistinctEstimateAndNoValuesAndDroppedColumnsNoEntry() {
    BatchProfiler profiler = new BatchProfiler(TELECOM);
    Object[] values = new Object[TELECOM.columns().size()];
    int subscriber = TELECOM.indexOf("subscriber_id");
    for (int i = 0; i < 50; i++) {
      values[subscriber] = "hash-" + (i % 10);
      profiler.add(values);
    }

    ColumnStats stats = profiler.profile().column("subscriber_id").orElseThrow();

    assertThat(stats.distinct()).isEqualTo(10);
    assertThat(stats.min()).isNull();
    assertThat(stats.max()).isNull();
    assertThat(stats.top()).isNull();
  }

  @Test
  void refusesToMergeProfilesOfDifferentContracts() {
    assertThatThrownBy(() -> new BatchProfiler(BANK).merge(new BatchProfiler(TELECOM)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot merge batch profiles:");
  }

  private static long exactDistinct(List<Object[]> rows, int column) {
    return rows.stream().map(r -> r[column]).filter(v -> v != null).distinct().count();
  }

  private static List<Object[]> rows(Random random, int count) {
    String[] currencies = {"EUR", "EUR", "USD", "GBP"};
    String[] channels = {"ATM", "POS", "ONLINE", "BRANCH", null};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(10);
      rows.add(
          new Object[] {
            "TX" + i,
            "****" + random.nextInt(1000),
            LocalDate.of(2024, 1, 10 + random.nextInt(5)),
            BigDecimal.valueOf(random.nextInt(200_000) - 50_000, 2),
            currencies[random.nextInt(currencies.length)],
            pick == 0 ? null : pick == 1 ? " " : "Shop " + random.nextInt(300),
            channels[random.nextInt(channels.length)]
          });
    }
    return rows;
  }
}
