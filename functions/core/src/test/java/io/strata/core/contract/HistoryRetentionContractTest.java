package io.strata.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract's {@code history: { retention: ... }}: forever unless said, refused when unclear.
 */
class HistoryRetentionContractTest {

  private static final String MINIMAL =
      """
      name: sample
      version: 1
      format: csv
      columns:
        - name: id
          type: string
      """;
  private static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");

  @Test
  void keepsTheHistoryForeverWhenTheContractSaysNothing() {
    DatasetContract contract = ContractLoaderTest.parse("sample.yaml", MINIMAL);

    assertThat(contract.history()).isEqualTo(HistoryPolicy.FOREVER);
    assertThat(contract.history().keepsForever()).isTrue();
    assertThat(contract.history().cutoff(NOW)).isEmpty();
  }

  @Test
  void keepsTheHistoryForeverForAnEmptyHistoryMapping() {
    DatasetContract contract = ContractLoaderTest.parse("sample.yaml", MINIMAL + "history: {}\n");

    assertThat(contract.history().keepsForever()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "P400D, 2025-02-24T12:00:00Z",
    "PT36H, 2026-03-30T00:00:00Z",
    "P2DT12H, 2026-03-29T00:00:00Z",
    "P1M, 2026-02-28T12:00:00Z",
    "P1Y, 2025-03-31T12:00:00Z",
    "P2W, 2026-03-17T12:00:00Z"
  })
  void readsAnIsoDurationAndCutsOffThatLongBeforeNow(String retention, String cutoff) {
    DatasetContract contract =
        ContractLoaderTest.parse("sample.yaml", MINIMAL + "history:\n  retention: " + retention);

    assertThat(contract.history().retention()).isEqualTo(retention);
    assertThat(contract.history().keepsForever()).isFalse();
    assertThat(contract.history().cutoff(NOW)).contains(Instant.parse(cutoff));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          400 days   | history: {retention: 400 days} | history.retention: '400 days' is not an ISO-8601 duration (for example P400D, P1Y, P6M or PT36H; a duration mixes no years or months with hours)
          mixed      | history: {retention: P1YT2H}   | history.retention: 'P1YT2H' is not an ISO-8601 duration (for example P400D, P1Y, P6M or PT36H; a duration mixes no years or months with hours)
          zero       | history: {retention: P0D}      | history.retention: 'P0D' must be longer than zero
          negative   | history: {retention: PT-5H}    | history.retention: 'PT-5H' must be longer than zero
          unknown    | history: {keep: P1D}           | history.keep: unknown key (expected one of retention)
          not a map  | history: P400D                 | history: must be a mapping
          """)
  void refusesARetentionThatIsNotAPositiveIsoDuration(String mistake, String yaml, String message) {
    assertThatThrownBy(() -> ContractLoaderTest.parse("sample.yaml", MINIMAL + yaml))
        .as(mistake)
        .isInstanceOf(ContractException.class)
        .hasMessage("Cannot load contract sample.yaml: " + message);
  }
}
