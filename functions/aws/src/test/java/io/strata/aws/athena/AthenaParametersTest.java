package io.strata.aws.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AthenaParametersTest {

  @Test
  void rendersEveryParameterTypeAsItsLiteralInOrder() {
    // given
    List<Object> parameters =
        List.of(
            "DE89",
            true,
            false,
            42,
            -7L,
            1.5d,
            new BigDecimal("12.34"),
            LocalDate.of(2024, 1, 14),
            Instant.parse("2024-01-14T08:30:00.123456Z"));

    // when
    List<String> literals = AthenaParameters.render(parameters);

    // then
    assertThat(literals)
        .containsExactly(
            "'DE89'",
            "true",
            "false",
            "42",
            "-7",
            "1.5E0",
            "DECIMAL '12.34'",
            "DATE '2024-01-14'",
            "TIMESTAMP '2024-01-14 08:30:00.123456'");
  }

  @Test
  void rendersNoParametersAsNoLiterals() {
    assertThat(AthenaParameters.render(List.of())).isEmpty();
  }

  @Test
  void doublesSingleQuotesSoAValueCannotCloseItsLiteral() {
    assertThat(AthenaParameters.literal("'; DROP TABLE x; --")).isEqualTo("'''; DROP TABLE x; --'");
    assertThat(AthenaParameters.literal("O'Brien")).isEqualTo("'O''Brien'");
    assertThat(AthenaParameters.literal("''")).isEqualTo("''''''");
  }

  @Test
  void keepsBackslashesNewlinesCommentsAndUnicodeVerbatimBecauseSqlStringsHaveNoEscapes() {
    assertThat(AthenaParameters.literal("C:\\temp\\")).isEqualTo("'C:\\temp\\'");
    assertThat(AthenaParameters.literal("\\'")).isEqualTo("'\\'''");
    assertThat(AthenaParameters.literal("line 1\nline 2\r\n")).isEqualTo("'line 1\nline 2\r\n'");
    assertThat(AthenaParameters.literal("a /* b */ -- c")).isEqualTo("'a /* b */ -- c'");
    assertThat(AthenaParameters.literal("Zürich ŁÓDŹ 東京 \uD83D\uDE00"))
        .isEqualTo("'Zürich ŁÓDŹ 東京 \uD83D\uDE00'");
  }

  @Test
  void rendersTheEmptyStringAsAnEmptyLiteral() {
    assertThat(AthenaParameters.literal("")).isEqualTo("''");
  }

  @Test
  void rendersIntegersAtTheirLimits() {
    assertThat(AthenaParameters.literal(Integer.MIN_VALUE)).isEqualTo("-2147483648");
    assertThat(AthenaParameters.literal(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
    assertThat(AthenaParameters.literal(0L)).isEqualTo("0");
  }

  @Test
  void rendersDoublesInScientificNotationSoAthenaReadsThemAsDouble() {
    assertThat(AthenaParameters.literal(100.0d)).isEqualTo("100.0E0");
    assertThat(AthenaParameters.literal(-0.25d)).isEqualTo("-0.25E0");
    assertThat(AthenaParameters.literal(1.0e10d)).isEqualTo("1.0E10");
    assertThat(AthenaParameters.literal(1.0e-5d)).isEqualTo("1.0E-5");
    assertThat(AthenaParameters.literal(Double.MAX_VALUE)).isEqualTo("1.7976931348623157E308");
  }

  @Test
  void rejectsNanAndInfinities() {
    assertThatThrownBy(() -> AthenaParameters.literal(Double.NaN))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("NaN has no SQL literal");
    assertThatThrownBy(() -> AthenaParameters.literal(Double.POSITIVE_INFINITY))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("Infinity has no SQL literal");
    assertThatThrownBy(() -> AthenaParameters.render(List.of("a", Double.NEGATIVE_INFINITY)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot bind parameter 2: -Infinity has no SQL literal");
  }

  @Test
  void rendersDecimalsPlainWithTheirScale() {
    assertThat(AthenaParameters.literal(new BigDecimal("-0.50"))).isEqualTo("DECIMAL '-0.50'");
    assertThat(AthenaParameters.literal(new BigDecimal("1E+3"))).isEqualTo("DECIMAL '1000'");
    assertThat(AthenaParameters.literal(new BigDecimal("1E-3"))).isEqualTo("DECIMAL '0.001'");
    assertThat(AthenaParameters.literal(new BigDecimal("9".repeat(38))))
        .isEqualTo("DECIMAL '" + "9".repeat(38) + "'");
  }

  @Test
  void rejectsDecimalsWiderThanAthenaHolds() {
    assertThatThrownBy(() -> AthenaParameters.literal(new BigDecimal("1E+38")))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("the decimal has 39 digits, Athena holds at most 38");
    assertThatThrownBy(() -> AthenaParameters.literal(new BigDecimal("0." + "1".repeat(39))))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("the decimal has 39 digits, Athena holds at most 38");
  }

  @Test
  void rendersDatesWithFourDigitYears() {
    assertThat(AthenaParameters.literal(LocalDate.of(1, 1, 1))).isEqualTo("DATE '0001-01-01'");
    assertThat(AthenaParameters.literal(LocalDate.of(9999, 12, 31))).isEqualTo("DATE '9999-12-31'");
  }

  @Test
  void rejectsDatesOutsideTheYearsSqlCanWrite() {
    assertThatThrownBy(() -> AthenaParameters.literal(LocalDate.of(10000, 1, 1)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("year 10000 is outside 1 to 9999");
    assertThatThrownBy(() -> AthenaParameters.literal(LocalDate.of(0, 12, 31)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("year 0 is outside 1 to 9999");
  }

  @Test
  void rendersInstantsInUtcWithMicrosecondsAndNanosecondsOnlyWhenPresent() {
    assertThat(AthenaParameters.literal(Instant.parse("2024-01-14T08:30:00Z")))
        .isEqualTo("TIMESTAMP '2024-01-14 08:30:00.000000'");
    assertThat(AthenaParameters.literal(Instant.parse("2024-01-14T08:30:00.5Z")))
        .isEqualTo("TIMESTAMP '2024-01-14 08:30:00.500000'");
    assertThat(AthenaParameters.literal(Instant.parse("2024-01-14T23:59:59.123456789Z")))
        .isEqualTo("TIMESTAMP '2024-01-14 23:59:59.123456789'");
    assertThat(AthenaParameters.literal(Instant.parse("1969-12-31T23:59:59.999999Z")))
        .isEqualTo("TIMESTAMP '1969-12-31 23:59:59.999999'");
  }

  @Test
  void rejectsInstantsOutsideTheYearsSqlCanWrite() {
    assertThatThrownBy(() -> AthenaParameters.literal(Instant.parse("+10000-01-01T00:00:00Z")))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("year 10000 is outside 1 to 9999");
  }

  @Test
  void rejectsUnsupportedTypesAndNull() {
    assertThatThrownBy(() -> AthenaParameters.literal(1.5f))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("values of type Float are not supported");
    assertThatThrownBy(() -> AthenaParameters.render(List.of(new StringBuilder("x"))))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot bind parameter 1: values of type StringBuilder are not supported");
    assertThatThrownBy(() -> AthenaParameters.render(Arrays.asList("a", null)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot bind parameter 2: null is not a value, compare with IS NULL");
  }

  @Test
  void rejectsLiteralsLongerThanAthenaTakes() {
    // given: 1022 characters plus two quotes fit, one more does not
    String fits = "x".repeat(1022);
    String tooLong = "x".repeat(1023);

    // when / then
    assertThat(AthenaParameters.render(List.of(fits)).get(0)).hasSize(1024);
    assertThatThrownBy(() -> AthenaParameters.render(List.of(fits, tooLong)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot bind parameter 2: its literal has 1025 characters, Athena takes at most 1024");
  }

  @Test
  void countsDoubledQuotesAgainstTheLengthLimit() {
    assertThatThrownBy(() -> AthenaParameters.render(List.of("'".repeat(512))))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot bind parameter 1: its literal has 1026 characters, Athena takes at most 1024");
  }
}
