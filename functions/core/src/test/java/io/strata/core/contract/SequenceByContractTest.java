package io.strata.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code sequence_by} is checked when the contract loads, naming the file and the field. */
class SequenceByContractTest {

  private static final String ACCOUNTS =
      """
      name: accounts
      version: 1
      format: csv
      columns:
        - {name: account_id, type: string, required: true}
        - {name: balance, type: "decimal(18,2)", required: true}
        - {name: updated_at, type: "%s", required: %s%s}
        - {name: revision, type: long}
        - {name: note, type: string, required: true}
      key: [%s]
      sequence_by: %s
      """;

  @ParameterizedTest
  @ValueSource(strings = {"timestamp", "date", "long", "int", "decimal(12,3)"})
  void acceptsARequiredOrderedColumnOfAKeyedDataset(String type) {
    DatasetContract contract = load(type, true, "", "account_id", "updated_at");

    assertThat(contract.sequenceBy()).isEqualTo("updated_at");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          timestamp | true  |            | account_id | updated      | sequence_by: unknown column 'updated'
          timestamp | true  |            |            | updated_at   | sequence_by: needs a business key: it orders the versions of each key, and there is no key
          timestamp | true  |            | account_id, updated_at | updated_at | sequence_by: column 'updated_at' is part of the key, so all versions of a key share it
          string    | true  |            | account_id | note         | sequence_by: column 'note' is string; it must be a timestamp, date, long, int or decimal column
          boolean   | true  |            | account_id | updated_at   | sequence_by: column 'updated_at' is boolean; it must be a timestamp, date, long, int or decimal column
          double    | true  |            | account_id | updated_at   | sequence_by: column 'updated_at' is double; it must be a timestamp, date, long, int or decimal column
          timestamp | true  |            | account_id | revision     | sequence_by: column 'revision' must be required: a version without it cannot be ordered
          long      | true  | , pii: drop | account_id | updated_at  | sequence_by: column 'updated_at' is PII, so history does not keep its value to order versions by
          """)
  void refusesASequenceColumnThatCannotOrderVersions(
      String type, boolean required, String extra, String key, String sequenceBy, String problem) {
    assertThatThrownBy(
            () ->
                load(
                    type, required, extra == null ? "" : extra, key == null ? "" : key, sequenceBy))
        .isInstanceOf(ContractException.class)
        .hasMessage("Cannot load contract accounts.yaml: " + problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[updated_at]", "{column: updated_at}"})
  void refusesASequenceThatIsNotOneColumnName(String value) {
    assertThatThrownBy(() -> load("timestamp", true, "", "account_id", value))
        .isInstanceOf(ContractException.class)
        .hasMessage("Cannot load contract accounts.yaml: sequence_by: must be a single value");
  }

  private static DatasetContract load(
      String type, boolean required, String extra, String key, String sequenceBy) {
    String yaml = ACCOUNTS.formatted(type, required, extra, key, sequenceBy);
    return ContractLoader.parse(
        "accounts.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }
}
