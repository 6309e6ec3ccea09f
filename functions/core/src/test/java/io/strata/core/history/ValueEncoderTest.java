package io.strata.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ValueEncoderTest {

  @Test
  void encodesWideDecimalsAsSignExtendedBigEndianBytes() {
    assertThat(hex(BigInteger.valueOf(1), 16)).isEqualTo("00000000000000000000000000000001");
    assertThat(hex(BigInteger.valueOf(-2), 16)).isEqualTo("fffffffffffffffffffffffffffffffe");
    assertThat(hex(BigInteger.valueOf(Long.MIN_VALUE), 9)).isEqualTo("ff8000000000000000");
    assertThat(hex(BigInteger.ONE.shiftLeft(64), 9)).isEqualTo("010000000000000000");
    assertThat(hex(BigInteger.ONE.shiftLeft(64).negate(), 9)).isEqualTo("ff0000000000000000");
    assertThat(hex(BigInteger.TEN.pow(38).subtract(BigInteger.ONE), 16))
        .isEqualTo("4b3b4ca85a86c47a098a223fffffffff");
  }

  @Test
  void rejectsAnUnscaledValueWiderThanTheColumn() {
    assertThatThrownBy(() -> ValueEncoder.fixed(BigInteger.ONE.shiftLeft(71), 9))
        .isInstanceOf(ArithmeticException.class)
        .hasMessage("Decimal 2361183241434822606848 does not fit in 9 bytes");
  }

  @Test
  void convertsInstantsToMicrosecondsTruncatingNanos() {
    assertThat(ValueEncoder.micros(Instant.parse("1970-01-01T00:00:01.000001999Z")))
        .isEqualTo(1_000_001L);
    assertThat(ValueEncoder.micros(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo(-1L);
  }

  private static String hex(BigInteger unscaled, int length) {
    return HexFormat.of().formatHex(ValueEncoder.fixed(unscaled, length).getBytes());
  }
}
