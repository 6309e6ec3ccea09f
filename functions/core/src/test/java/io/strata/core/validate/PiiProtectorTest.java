package io.strata.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.ColumnSpec;
import io.strata.core.contract.DatasetContract;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PiiProtectorTest {

  private static final DatasetContract CONTRACT =
      RowValidatorTest.contract(
          """
          name: sample
          version: 1
          format: csv
          columns:
            - {name: id, type: string}
            - {name: iban, type: string, pii: {mask: {keep_last: 4}}}
            - {name: subscriber_id, type: string, pii: hash}
            - {name: secret, type: int, pii: drop}
            - {name: code, type: string, pii: mask}
          """);

  private static final byte[] KEY = "key".getBytes(StandardCharsets.UTF_8);

  @Test
  void appliesEveryModeInPlace() {
    Object[] typed = {"a1", "DE89370400440532013000", "sub-1", 42, "xyz"};

    new PiiProtector(KEY).apply(CONTRACT, typed);

    assertThat(typed)
        .containsExactly(
            "a1",
            "******************3000",
            // HMAC-SHA-256("key", "sub-1"), as `printf sub-1 | openssl dgst -sha256 -hmac key`
            // prints it
            "eed3dd9f31cb4ed7001c2b2b3daab6a405233335bd6def178f8106e02a3f88af",
            null,
            "***");
  }

  @Test
  void leavesAbsentValuesAbsent() {
    Object[] typed = {null, null, null, null, null};

    new PiiProtector(null).apply(CONTRACT, typed);

    assertThat(typed).containsOnlyNulls();
  }

  @Test
  void hashesEqualValuesEquallyAndDifferentKeysDifferently() {
    ColumnSpec column = CONTRACT.columns().get(2);

    String first = new PiiProtector(KEY).protect(column, "sub-1");
    String again = new PiiProtector(KEY).protect(column, "sub-1");
    String otherKey =
        new PiiProtector("other".getBytes(StandardCharsets.UTF_8)).protect(column, "sub-1");

    assertThat(first).isEqualTo(again).hasSize(64).matches("[0-9a-f]+");
    assertThat(otherKey).isNotEqualTo(first);
  }

  @Test
  void showsValuesForReportsProtected() {
    PiiProtector protector = new PiiProtector(KEY);

    assertThat(protector.protect(CONTRACT.columns().get(0), "plain")).isEqualTo("plain");
    assertThat(protector.protect(CONTRACT.columns().get(1), "GB29NWBK60161331926819"))
        .isEqualTo("******************6819");
    assertThat(protector.protect(CONTRACT.columns().get(3), "42")).isEqualTo("[dropped]");
    assertThat(protector.protect(CONTRACT.columns().get(1), null)).isNull();
  }

  @Test
  void masksShortValuesEntirely() {
    assertThat(PiiProtector.mask("123", 4)).isEqualTo("***");
    assertThat(PiiProtector.mask("1234", 4)).isEqualTo("****");
    assertThat(PiiProtector.mask("12345", 4)).isEqualTo("*2345");
    assertThat(PiiProtector.mask("", 4)).isEmpty();
  }

  @Test
  void masksByCodePointsSoThatSurrogatePairsStayWhole() {
    assertThat(PiiProtector.mask("DE89370400440532013000", 4)).isEqualTo("******************3000");
    assertThat(PiiProtector.mask("ab\uD83D\uDE00cd", 2)).isEqualTo("***cd");
    assertThat(PiiProtector.mask("abcd\uD83D\uDE00", 2)).isEqualTo("***d\uD83D\uDE00");
    assertThat(PiiProtector.mask("\uD83D\uDE00", 1)).isEqualTo("*");
    assertThat(PiiProtector.mask("abc", 0)).isEqualTo("***");
    assertThat(PiiProtector.mask("x".repeat(100) + "1234", 4)).isEqualTo("*".repeat(100) + "1234");
  }

  @Test
  void refusesToHashWithoutKey() {
    PiiProtector protector = new PiiProtector(null);
    Object[] typed = {"a1", null, "sub-1", null, null};

    assertThatThrownBy(() -> protector.apply(CONTRACT, typed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot hash column subscriber_id: no PII hash key is configured");
    assertThatThrownBy(() -> protector.protect(CONTRACT.columns().get(2), "sub-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot hash column subscriber_id: no PII hash key is configured");
  }

  @Test
  void refusesEmptyKey() {
    assertThatThrownBy(() -> new PiiProtector(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot use an empty PII hash key");
  }
}
