package io.strata.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QualityRulesContractTest {

  private static final String HEAD =
      """
      name: sample
      version: 1
      format: csv
      columns:
        - {name: amount, type: 'decimal(10,2)'}
        - {name: region, type: string, rules: {allowed: [north, south]}}
        - {name: email, type: string, pii: hash}
        - {name: note, type: string, pii: drop}
      quality:
      """;

  private static DatasetContract parse(String rules) {
    return ContractLoader.parse(
        "sample.yaml",
        new ByteArrayInputStream(
            (HEAD + rules.replace("\\n", "\n")).getBytes(StandardCharsets.UTF_8)));
  }

  @org.junit.jupiter.api.Test
  void readsEveryKindOfRuleWithItsBoundsAndDefaults() {
    DatasetContract contract =
        parse(
            """
              - {rule: row_count, stddevs: 3, action: quarantine}
              - {rule: row_count, percent: 50, history: 5, action: warn}
              - {rule: null_rate, column: amount, max: 0.2, max_jump: 0.1, action: warn}
              - {rule: mean_shift, column: amount, stddevs: 4, action: quarantine}
              - {rule: allowed_values, column: region, action: warn}
            """);

    assertThat(contract.quality()).hasSize(5);
    QualityRule first = contract.quality().get(0);
    assertThat(first.kind()).isEqualTo(QualityRule.Kind.ROW_COUNT);
    assertThat(first.action()).isEqualTo(QualityRule.Action.QUARANTINE);
    assertThat(first.history()).isEqualTo(QualityRule.DEFAULT_HISTORY);
    assertThat(first.stddevs()).isEqualTo(3.0);
    assertThat(contract.quality().get(1).percent()).isEqualTo(50.0);
    assertThat(contract.quality().get(1).history()).isEqualTo(5);
    assertThat(contract.quality().get(2).maxRate()).isEqualTo(0.2);
    assertThat(contract.quality().get(2).maxJump()).isEqualTo(0.1);
    assertThat(contract.quality().get(4).column()).isEqualTo("region");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          unknown rule        | - {rule: median, action: warn} | quality[0].rule: unknown value 'median' (expected one of row_count, null_rate, mean_shift, allowed_values)
          missing action      | - {rule: row_count, stddevs: 3} | quality[0].action: is required
          unknown action      | - {rule: row_count, stddevs: 3, action: drop} | quality[0].action: unknown value 'drop' (expected one of warn, quarantine)
          unknown key         | - {rule: row_count, stddevs: 3, action: warn, sigma: 2} | quality[0].sigma: unknown key (expected one of action, column, history, max, max_jump, percent, rule, stddevs)
          both bands          | - {rule: row_count, stddevs: 3, percent: 10, action: warn} | quality[0]: row_count needs exactly one of stddevs or percent
          no band             | - {rule: row_count, action: warn} | quality[0]: row_count needs exactly one of stddevs or percent
          row count column    | - {rule: row_count, column: amount, stddevs: 3, action: warn} | quality[0].column: row_count judges the whole batch
          negative stddevs    | - {rule: row_count, stddevs: -1, action: warn} | quality[0].stddevs: must be greater than 0, got -1.0
          short history       | - {rule: row_count, stddevs: 3, history: 2, action: warn} | quality[0].history: must be from 3 to 100 batches, got 2
          bound of other kind | - {rule: row_count, stddevs: 3, max: 0.1, action: warn} | quality[0].max: does not apply to row_count
          null rate no column | - {rule: null_rate, max: 0.1, action: warn} | quality[0].column: is required
          unknown column      | - {rule: null_rate, column: price, max: 0.1, action: warn} | quality[0].column: no column 'price' exists
          null rate no bound  | - {rule: null_rate, column: amount, action: warn} | quality[0]: null_rate needs max, max_jump or both
          null rate of dropped | - {rule: null_rate, column: note, max: 0.1, action: warn} | quality[0].column: 'note' is dropped (pii: drop), so no batch keeps its values to count
          rate above one      | - {rule: null_rate, column: amount, max: 5, action: warn} | quality[0].max: must be from 0 to 1, got 5.0
          mean of text        | - {rule: mean_shift, column: region, stddevs: 3, action: warn} | quality[0].column: mean_shift needs a numeric column without pii, 'region' is not
          mean no stddevs     | - {rule: mean_shift, column: amount, action: warn} | quality[0]: mean_shift needs stddevs
          values without list | - {rule: allowed_values, column: amount, action: warn} | quality[0].column: allowed_values needs a column with allowed values and without pii, 'amount' is not
          """)
  void refusesABadRuleNamingItsField(String mistake, String rule, String message) {
    assertThatThrownBy(() -> parse("  " + rule))
        .as(mistake)
        .isInstanceOf(ContractException.class)
        .hasMessage("Cannot load contract sample.yaml: " + message);
  }
}
