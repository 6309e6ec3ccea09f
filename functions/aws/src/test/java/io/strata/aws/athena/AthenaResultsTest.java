package io.strata.aws.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.query.ResultColumn;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.Row;

class AthenaResultsTest {

  @Test
  void typesIntegersAsLongsFloatingPointAsDoublesAndDecimalsAsBigDecimals() {
    assertThat(AthenaResults.value("tinyint", "-8")).isEqualTo(-8L);
    assertThat(AthenaResults.value("smallint", "300")).isEqualTo(300L);
    assertThat(AthenaResults.value("integer", "70000")).isEqualTo(70000L);
    assertThat(AthenaResults.value("bigint", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(AthenaResults.value("double", "1.5E-3")).isEqualTo(0.0015d);
    assertThat(AthenaResults.value("real", "2.5")).isEqualTo(2.5d);
    assertThat(AthenaResults.value("float", "-1.0")).isEqualTo(-1.0d);
    assertThat(AthenaResults.value("decimal", "12.30")).isEqualTo(new BigDecimal("12.30"));
  }

  @Test
  void typesBooleansStrictly() {
    assertThat(AthenaResults.value("boolean", "true")).isEqualTo(Boolean.TRUE);
    assertThat(AthenaResults.value("boolean", "false")).isEqualTo(Boolean.FALSE);
    assertThatThrownBy(() -> AthenaResults.value("boolean", "yes"))
        .isInstanceOf(NumberFormatException.class)
        .hasMessage("not a boolean");
  }

  @Test
  void keepsTextDatesAndUnknownTypesAsStrings() {
    assertThat(AthenaResults.value("varchar", "O'Brien; --")).isEqualTo("O'Brien; --");
    assertThat(AthenaResults.value("char", "AB")).isEqualTo("AB");
    assertThat(AthenaResults.value("json", "{\"a\":1}")).isEqualTo("{\"a\":1}");
    assertThat(AthenaResults.value("date", "2024-01-14")).isEqualTo("2024-01-14");
    assertThat(AthenaResults.value("array", "[1, 2]")).isEqualTo("[1, 2]");
  }

  @Test
  void turnsTimestampsIntoIsoInstantsInUtc() {
    assertThat(AthenaResults.value("timestamp", "2024-01-14 08:30:00.123"))
        .isEqualTo("2024-01-14T08:30:00.123Z");
    assertThat(AthenaResults.value("timestamp", "2024-01-14 08:30:00.000"))
        .isEqualTo("2024-01-14T08:30:00Z");
    assertThat(AthenaResults.value("timestamp", "2024-01-14 08:30:00"))
        .isEqualTo("2024-01-14T08:30:00Z");
    assertThat(AthenaResults.value("timestamp", "2024-01-14 08:30:00.123456"))
        .isEqualTo("2024-01-14T08:30:00.123456Z");
  }

  @Test
  void turnsTimestampsWithTimeZoneIntoTheSameInstantInUtc() {
    assertThat(
            AthenaResults.value(
                "timestamp with time zone", "2024-01-14 09:30:00.500 Europe/Berlin"))
        .isEqualTo("2024-01-14T08:30:00.500Z");
    assertThat(AthenaResults.value("timestamp with time zone", "2024-01-14 08:30:00.000 UTC"))
        .isEqualTo("2024-01-14T08:30:00Z");
  }

  @Test
  void readsAMissingValueAsNullWhateverTheType() {
    assertThat(AthenaResults.value("bigint", null)).isNull();
    assertThat(AthenaResults.value("timestamp", null)).isNull();
  }

  @Test
  void namesColumnTypesInLowerCaseWithDecimalPrecisionAndScale() {
    // given
    List<ColumnInfo> columns =
        List.of(
            column("amount", "decimal", 18, 2),
            column("iban", "VARCHAR", 2147483647, 0),
            column("booked_at", "timestamp", 3, 0));

    // when / then
    assertThat(AthenaResults.columns(columns))
        .containsExactly(
            new ResultColumn("amount", "decimal(18,2)"),
            new ResultColumn("iban", "varchar"),
            new ResultColumn("booked_at", "timestamp"));
  }

  @Test
  void recognisesTheHeaderRowByItsLabels() {
    // given
    List<ColumnInfo> columns =
        List.of(column("id", "varchar", 0, 0), column("amount", "decimal", 18, 2));

    // when / then
    assertThat(AthenaResults.isHeader(columns, row("id", "amount"))).isTrue();
    assertThat(AthenaResults.isHeader(columns, row("id", "12.50"))).isFalse();
    assertThat(AthenaResults.isHeader(columns, row("id"))).isFalse();
  }

  @Test
  void failsNamingTheColumnButNotTheValueWhenAValueDoesNotFitItsType() {
    // given
    List<ColumnInfo> columns =
        List.of(column("id", "varchar", 0, 0), column("amount", "decimal", 18, 2));

    // when / then
    assertThatThrownBy(() -> AthenaResults.row(columns, row("t-1", "secret-value")))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("column \"amount\" holds a value that is not a decimal(18,2)");
  }

  @Test
  void failsWhenARowDoesNotFitTheColumns() {
    List<ColumnInfo> columns = List.of(column("id", "varchar", 0, 0));

    assertThatThrownBy(() -> AthenaResults.row(columns, row("a", "b")))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("a row has 2 values for 1 columns");
  }

  @Test
  void typesEachValueOfARowByItsColumn() {
    // given
    List<ColumnInfo> columns =
        List.of(
            column("id", "varchar", 0, 0),
            column("amount", "decimal", 18, 2),
            column("note", "varchar", 0, 0));

    // when / then
    assertThat(AthenaResults.row(columns, row("t-1", "-3.10", null)))
        .containsExactly("t-1", new BigDecimal("-3.10"), null);
  }

  private static ColumnInfo column(String name, String type, int precision, int scale) {
    return ColumnInfo.builder()
        .name(name)
        .label(name)
        .type(type)
        .precision(precision)
        .scale(scale)
        .build();
  }

  private static Row row(String... values) {
    return Row.builder()
        .data(Arrays.stream(values).map(v -> Datum.builder().varCharValue(v).build()).toList())
        .build();
  }
}
