package io.strata.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.DatasetContract;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class KeyTrackerTest {

  private static final DatasetContract KEYED =
      RowValidatorTest.contract(
          """
          name: sample
          version: 1
          format: csv
          columns:
            - {name: id, type: string}
            - {name: day, type: date}
            - {name: n, type: long}
          key: [id, day]
          """);

  @Test
  void reportsDuplicateBusinessKey() {
    KeyTracker tracker = new KeyTracker(KEYED);

    boolean first = tracker.firstSeen(new Object[] {"a", LocalDate.of(2024, 1, 1), 1L});
    boolean otherDay = tracker.firstSeen(new Object[] {"a", LocalDate.of(2024, 1, 2), 1L});
    boolean duplicate = tracker.firstSeen(new Object[] {"a", LocalDate.of(2024, 1, 1), 2L});

    assertThat(first).isTrue();
    assertThat(otherDay).isTrue();
    assertThat(duplicate).isFalse();
    assertThat(tracker.distinctKeys()).isEqualTo(2);
  }

  @Test
  void distinguishesKeysThatConcatenateAlike() {
    KeyTracker tracker = new KeyTracker(KEYED);

    boolean first = tracker.firstSeen(new Object[] {"ab", null, null});
    boolean second = tracker.firstSeen(new Object[] {"a", null, null});
    boolean nullKey = tracker.firstSeen(new Object[] {null, null, null});
    boolean nullAgain = tracker.firstSeen(new Object[] {null, null, null});

    assertThat(first).isTrue();
    assertThat(second).isTrue();
    assertThat(nullKey).isTrue();
    assertThat(nullAgain).isFalse();
  }

  @Test
  void remembersManyKeysWithoutFalseDuplicates() {
    KeyTracker tracker = new KeyTracker(KEYED);
    LocalDate day = LocalDate.of(2024, 1, 1);
    int fresh = 0;

    for (int i = 0; i < 1_000_000; i++) {
      fresh += tracker.firstSeen(new Object[] {"TX" + i, day, null}) ? 1 : 0;
    }
    boolean repeated = tracker.firstSeen(new Object[] {"TX123456", day, null});

    assertThat(fresh).isEqualTo(1_000_000);
    assertThat(repeated).isFalse();
  }

  @Test
  void treatsEveryRowAsFirstWithoutKey() {
    DatasetContract unkeyed =
        RowValidatorTest.contract(
            """
            name: sample
            version: 1
            format: csv
            columns:
              - {name: id, type: string}
            """);
    KeyTracker tracker = new KeyTracker(unkeyed);

    assertThat(tracker.firstSeen(new Object[] {"a"})).isTrue();
    assertThat(tracker.firstSeen(new Object[] {"a"})).isTrue();
  }
}
