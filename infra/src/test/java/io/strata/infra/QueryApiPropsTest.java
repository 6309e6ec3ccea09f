package io.strata.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryApiPropsTest {

  @ParameterizedTest
  @ValueSource(ints = {-1, 30, 31})
  void refusesAWaitForAthenaTheFunctionCouldNotOutlive(int seconds) {
    assertThatThrownBy(() -> props(seconds))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot create the query API: a wait for Athena of "
                + seconds
                + " s must be at least 0 and below the function's timeout of 30 s");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 8, 29})
  void acceptsAWaitBelowTheFunctionsTimeout(int seconds) {
    assertThat(props(seconds).queryWaitSeconds()).isEqualTo(seconds);
  }

  private static QueryApi.Props props(int queryWaitSeconds) {
    return new QueryApi.Props(
        null, null, 1024, null, List.of(), null, "", "", "", queryWaitSeconds, null);
  }
}
