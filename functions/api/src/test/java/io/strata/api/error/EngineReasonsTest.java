package io.strata.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineReasonsTest {

  @Test
  void quotedValuesAreHiddenAndTheRestOfTheReasonStays() {
    String reason =
        "INVALID_CAST_ARGUMENT: Cannot cast 'DE89 3704 0044 0532 0130 00' to bigint at line 1:8;"
            + " value 'O''Brien' in column \"surname\"";

    assertThat(EngineReasons.loggable(reason))
        .isEqualTo(
            "INVALID_CAST_ARGUMENT: Cannot cast '…' to bigint at line 1:8; value '…' in column"
                + " \"surname\"");
  }

  @Test
  void aMissingReasonSaysSoAndALongOneIsCutToOneLine() {
    assertThat(EngineReasons.loggable(null)).isEqualTo("no reason given");
    assertThat(EngineReasons.loggable("x\n".repeat(2_000))).hasSize(1_001).doesNotContain("\n");
  }
}
