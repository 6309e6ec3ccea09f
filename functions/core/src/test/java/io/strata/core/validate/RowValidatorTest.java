package io.strata.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.ContractLoader;
import io.strata.core.contract.DatasetContract;
import io.strata.core.parse.RawRecord;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowValidatorTest {

  private static final byte[] KEY = "test-key".getBytes(StandardCharsets.UTF_8);

  /** One column per type and rule; each test fills only the column it is about. */
  private static final DatasetContract CONTRACT =
      contract(
          """
          name: sample
          version: 1
          format: csv
          columns:
            - {name: s, type: string, rules: {pattern: "[A-Z]{2}[0-9]+", max_length: 6}}
            - {name: c, type: string, rules: {allowed: [EUR, USD, GBP]}}
            - {name: b, type: boolean}
            - {name: i, type: int, rules: {min: 0, max: 100}}
            - {name: l, type: long}
            - {name: d, type: double, rules: {min: -1.5, max: 1e3}}
            - {name: m, type: "decimal(5,2)", rules: {min: -10, max: 100}}
            - {name: big, type: "decimal(30,4)"}
            - {name: dt, type: date, rules: {min: 2000-01-01, max: 2030-12-31}}
            - {name: df, type: date, format: dd.MM.yyyy}
            - {name: ts, type: timestamp, rules: {min: "2000-01-01T00:00:00Z"}}
            - {name: tf, type: timestamp, format: "yyyy-MM-dd HH:mm:ss"}
            - {name: r, type: string, required: true}
            - {name: iban, type: string, pii: {mask: {keep_last: 4}}, rules: {pattern: "[A-Z]{2}.*"}}
            - {name: sub, type: string, pii: hash, rules: {max_length: 3}}
            - {name: gone, type: int, pii: drop}
          """);

  private final RowValidator validator = new RowValidator(CONTRACT, new PiiProtector(KEY));

  @Test
  void convertsEveryTypeOfValidRecord() {
    Object[] out = new Object[CONTRACT.columns().size()];

    List<Violation> violations =
        validator.validate(
            record(
                "AB12",
                "EUR",
                "TRUE",
                "-0",
                "-9223372036854775808",
                "1.5e2",
                "-9.5",
                "12345678901234567890123456.5",
                "2024-02-29",
                "31.12.2023",
                "2024-05-01T12:00:00+02:00",
                "2024-05-01 10:00:00",
                "x",
                "DE89370400440532013000",
                "abc",
                "7"),
            out);

    assertThat(violations).isEmpty();
    assertThat(out)
        .containsExactly(
            "AB12",
            "EUR",
            true,
            0,
            Long.MIN_VALUE,
            150.0,
            new BigDecimal("-9.50"),
            new BigDecimal("12345678901234567890123456.5000"),
            LocalDate.of(2024, 2, 29),
            LocalDate.of(2023, 12, 31),
            Instant.parse("2024-05-01T10:00:00Z"),
            Instant.parse("2024-05-01T10:00:00Z"),
            "x",
            "DE89370400440532013000",
            "abc",
            7);
  }

  @Test
  void keepsDecimalScaleExactly() {
    Object[] out = new Object[CONTRACT.columns().size()];

    validator.validate(only("m", "+7"), out);

    assertThat(out[6]).isEqualTo(new BigDecimal("7.00"));
    assertThat(((BigDecimal) out[6]).scale()).isEqualTo(2);
  }

  @Test
  void leavesAbsentOptionalValuesNull() {
    Object[] out = new Object[CONTRACT.columns().size()];
    java.util.Arrays.fill(out, "stale");

    List<Violation> violations = validator.validate(only("r", "x"), out);

    assertThat(violations).isEmpty();
    assertThat(out).containsOnly(null, "x");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          b   | yes                        | type       | b: 'yes' is not a boolean (true or false)
          i   | 1.0                        | type       | i: '1.0' is not a int
          i   | 2147483648                 | type       | i: '2147483648' is not a int
          i   | ' 5'                       | type       | i: '' 5'' is not a int
          i   | -1                         | min        | i: '-1' is less than the minimum 0
          i   | 101                        | max        | i: '101' is greater than the maximum 100
          l   | 9223372036854775808        | type       | l: '9223372036854775808' is not a long
          l   | 12a                        | type       | l: '12a' is not a long
          l   | -                          | type       | l: '-' is not a long
          d   | NaN                        | type       | d: 'NaN' is not a double
          d   | 1e400                      | type       | d: '1e400' is not a double
          d   | 0x10                       | type       | d: '0x10' is not a double
          d   | -2                         | min        | d: '-2' is less than the minimum -1.5
          d   | 1001                       | max        | d: '1001' is greater than the maximum 1000
          m   | abc                        | type       | m: 'abc' is not a decimal(5,2)
          m   | 1.234                      | type       | m: '1.234' is not a decimal(5,2)
          m   | 1000.5                     | type       | m: '1000.5' is not a decimal(5,2)
          m   | 1e2                        | type       | m: '1e2' is not a decimal(5,2)
          m   | 5.                         | type       | m: '5.' is not a decimal(5,2)
          m   | .5                         | type       | m: '.5' is not a decimal(5,2)
          m   | -10.01                     | min        | m: '-10.01' is less than the minimum -10
          m   | 100.01                     | max        | m: '100.01' is greater than the maximum 100
          big | 1.23456                    | type       | big: '1.23456' is not a decimal(30,4)
          dt  | 2023-02-29                 | type       | dt: '2023-02-29' is not a date (yyyy-MM-dd)
          dt  | 2024-13-01                 | type       | dt: '2024-13-01' is not a date (yyyy-MM-dd)
          dt  | 2024-1-01                  | type       | dt: '2024-1-01' is not a date (yyyy-MM-dd)
          dt  | 1999-12-31                 | min        | dt: '1999-12-31' is less than the minimum 2000-01-01
          dt  | 2031-01-01                 | max        | dt: '2031-01-01' is greater than the maximum 2030-12-31
          df  | 31.04.2024                 | type       | df: '31.04.2024' is not a date (dd.MM.yyyy)
          df  | 2024-04-01                 | type       | df: '2024-04-01' is not a date (dd.MM.yyyy)
          ts  | 2024-05-01T12:00:00        | type       | ts: '2024-05-01T12:00:00' is not a timestamp (ISO-8601 with offset)
          ts  | +300000-01-01T00:00:00Z    | type       | ts: '+300000-01-01T00:00:00Z' is not a timestamp (ISO-8601 with offset)
          ts  | 1999-12-31T23:59:59Z       | min        | ts: '1999-12-31T23:59:59Z' is less than the minimum 2000-01-01T00:00:00Z
          tf  | 2024-05-01T10:00:00Z       | type       | tf: '2024-05-01T10:00:00Z' is not a timestamp (yyyy-MM-dd HH:mm:ss)
          s   | ab12                       | pattern    | s: 'ab12' does not match [A-Z]{2}[0-9]+
          s   | AB12345                    | max_length | s: 'AB12345' has 7 characters, more than 6
          c   | JPY                        | allowed    | c: 'JPY' is not one of EUR, GBP, USD
          c   | eur                        | allowed    | c: 'eur' is not one of EUR, GBP, USD
          """)
  void reportsBrokenRule(String column, String value, String rule, String message) {
    Object[] out = new Object[CONTRACT.columns().size()];

    List<Violation> violations = validator.validate(only(column, value), out);

    assertThat(violations).containsExactly(new Violation(9, column, rule, value, message));
  }

  @Test
  void countsCharactersNotCodeUnitsForMaxLength() {
    Object[] out = new Object[CONTRACT.columns().size()];

    List<Violation> violations = validator.validate(only("sub", "\uD83D\uDE00ab"), out);

    assertThat(violations).isEmpty();
  }

  @Test
  void reportsMissingRequiredValue() {
    Object[] out = new Object[CONTRACT.columns().size()];

    String[] values = new String[CONTRACT.columns().size()];
    values[0] = "AB1";

    List<Violation> violations = validator.validate(new RawRecord(9, values, null, null), out);

    assertThat(violations)
        .containsExactly(new Violation(9, "r", "required", null, "r: a value is required"));
  }

  @Test
  void reportsEveryViolationOfTheRecord() {
    Object[] out = new Object[CONTRACT.columns().size()];
    String[] values = new String[CONTRACT.columns().size()];
    values[0] = "toolong1";
    values[3] = "x";
    values[8] = "2024-02-30";

    List<Violation> violations = validator.validate(new RawRecord(4, values, null, null), out);

    assertThat(violations)
        .extracting(v -> v.column() + ":" + v.rule())
        .containsExactly("s:pattern", "s:max_length", "i:type", "dt:type", "r:required");
  }

  @Test
  void protectsPiiValuesInViolations() {
    Object[] out = new Object[CONTRACT.columns().size()];
    String[] values = new String[CONTRACT.columns().size()];
    values[12] = "x";
    values[13] = "de89370400440532013000";
    values[14] = "abcd";
    values[15] = "seven";

    List<Violation> violations = validator.validate(new RawRecord(3, values, null, null), out);

    String hash = new PiiProtector(KEY).protect(CONTRACT.columns().get(14), "abcd");
    assertThat(violations)
        .containsExactly(
            new Violation(
                3,
                "iban",
                "pattern",
                "******************3000",
                "iban: '******************3000' does not match [A-Z]{2}.*"),
            new Violation(
                3, "sub", "max_length", hash, "sub: '" + hash + "' has 4 characters, more than 3"),
            new Violation(3, "gone", "type", "[dropped]", "gone: '[dropped]' is not a int"));
  }

  @Test
  void reportsUnreadableRecordAsMalformed() {
    Object[] out = new Object[CONTRACT.columns().size()];

    List<Violation> ragged =
        validator.validate(
            new RawRecord(5, new String[0], "expected 16 fields, found 3", null), out);
    List<Violation> nested =
        validator.validate(
            new RawRecord(6, new String[0], "i: expected a single value, found an object", "i"),
            out);

    assertThat(ragged)
        .containsExactly(
            new Violation(5, null, "malformed_record", null, "expected 16 fields, found 3"));
    assertThat(nested)
        .containsExactly(
            new Violation(
                6, "i", "malformed_record", null, "i: expected a single value, found an object"));
  }

  @Test
  void readsTimestampPatternWithZoneAsGiven() {
    DatasetContract contract =
        contract(
            """
            name: sample
            version: 1
            format: csv
            columns:
              - {name: t, type: timestamp, format: "dd/MM/yyyy HH:mm XXX"}
            """);
    Object[] out = new Object[1];

    List<Violation> violations =
        new RowValidator(contract, new PiiProtector(null))
            .validate(new RawRecord(2, new String[] {"01/05/2024 12:00 +02:00"}, null, null), out);

    assertThat(violations).isEmpty();
    assertThat(out[0]).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
  }

  private static RawRecord only(String column, String value) {
    String[] values = new String[CONTRACT.columns().size()];
    values[CONTRACT.indexOf(column)] = value;
    values[CONTRACT.indexOf("r")] = column.equals("r") ? value : "x";
    return new RawRecord(9, values, null, null);
  }

  private static RawRecord record(String... values) {
    return new RawRecord(2, values, null, null);
  }

  static DatasetContract contract(String yaml) {
    return ContractLoader.parse(
        "sample.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }
}
