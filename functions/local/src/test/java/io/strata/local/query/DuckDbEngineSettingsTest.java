package io.strata.local.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DuckDbEngineSettingsTest {

  @Test
  void defaultsToTwoThreadsAndBoundedMemory() {
    assertThat(DuckDbEngineSettings.defaults())
        .isEqualTo(new DuckDbEngineSettings(2, 2, 100_000, 200));
  }

  @Test
  void refusesLimitsBelowOne() {
    assertThatThrownBy(() -> new DuckDbEngineSettings(0, 2, 10, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot configure DuckDB engine: queryThreads must be at least 1, was 0");
    assertThatThrownBy(() -> new DuckDbEngineSettings(1, 2, 10, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot configure DuckDB engine: maxQueriesKept must be at least 1, was -1");
  }
}
