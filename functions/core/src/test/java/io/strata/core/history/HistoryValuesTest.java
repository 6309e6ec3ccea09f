package io.strata.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryValuesTest {

  @Test
  void defaultSettingsBoundMemoryToEightSixteenMebibyteRowGroupsAndUseOneEncoderThread() {
    assertThat(HistorySettings.DEFAULT)
        .isEqualTo(new HistorySettings(16L << 20, 8, 10_000_000L, 1))
        .isEqualTo(new HistorySettings(16L << 20, 8, 10_000_000L));
    assertThat(HistorySettings.DEFAULT.withEncoderThreads(0))
        .isEqualTo(new HistorySettings(16L << 20, 8, 10_000_000L, 0));
  }

  @Test
  void rejectsSettingsOutsideTheirBounds() {
    assertThatThrownBy(() -> new HistorySettings(1024, 8, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rowGroupBytes must be at least 64 KiB, got 1024");
    assertThatThrownBy(() -> new HistorySettings(1 << 20, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxOpenFiles must be at least 1, got 0");
    assertThatThrownBy(() -> new HistorySettings(1 << 20, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxFileRows must be at least 1, got 0");
    assertThatThrownBy(() -> new HistorySettings(1 << 20, 1, 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("encoderThreads must be 0 or 1, got 2");
  }

  @Test
  void rejectsABatchIdThatCannotBeAKeySegment() {
    assertThatThrownBy(() -> new BatchInfo("ds", "a/b", Instant.EPOCH, "raw/x.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid batch id 'a/b': use letters, digits, '.', '_' and '-'");
  }

  @Test
  void rejectsNegativeCountsOfAWrittenFile() {
    assertThatThrownBy(() -> new WrittenFile("k", "", -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rows and bytes must not be negative, got -1 and 0");
  }
}
