package io.strata.local.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DuckDbEngineSettingsTest {

  @Test
  void defaultsToTwoThreadsBoundedMemoryWithAShareForEachCallerAndATimeout() {
    assertThat(DuckDbEngineSettings.defaults())
        .isEqualTo(new DuckDbEngineSettings(2, 2, 300_000, 200, 100_000, Duration.ofMinutes(2)));
  }

  @Test
  void refusesLimitsBelowOne() {
    assertThatThrownBy(() -> new DuckDbEngineSettings(0, 2, 10, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot configure DuckDB engine: queryThreads must be at least 1, was 0");
    assertThatThrownBy(() -> new DuckDbEngineSettings(1, 2, 10, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot configure DuckDB engine: maxQueriesKept must be at least 1, was -1");
    assertThatThrownBy(() -> new DuckDbEngineSettings(1, 2, 10, 10, 11, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot configure DuckDB engine: maxRowsPerCaller (11) must not exceed maxRowsKept"
                + " (10)");
    assertThatThrownBy(() -> new DuckDbEngineSettings(1, 2, 10, 10, 10, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot configure DuckDB engine: timeout must be positive, was PT0S");
  }
}
