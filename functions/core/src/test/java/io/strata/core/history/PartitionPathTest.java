package io.strata.core.history;

import static io.strata.core.history.TestContracts.column;
import static io.strata.core.history.TestContracts.contract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.ColumnType;
import io.strata.core.contract.ColumnType.Kind;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.PartitionSpec;
import io.strata.core.contract.PartitionSpec.Transform;
import io.strata.core.contract.Pii;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionPathTest {

  @Test
  void formatsAnIdentityDatePartition() {
    DatasetContract contract = single(ColumnType.date(null), Transform.IDENTITY, "booking_date");

    String path = PartitionPath.of(contract, new Object[] {LocalDate.of(2024, 1, 2), 7L});

    assertThat(path).isEqualTo("booking_date=2024-01-02");
  }

  @Test
  void derivesDayMonthAndYearOfATimestampInUtc() {
    Instant lateEveningInBrazil = Instant.parse("2024-12-31T23:30:00-03:00");
    Object[] row = {lateEveningInBrazil, 7L};

    assertThat(PartitionPath.of(single(ColumnType.timestamp(null), Transform.DAY, "d"), row))
        .isEqualTo("d=2025-01-01");
    assertThat(PartitionPath.of(single(ColumnType.timestamp(null), Transform.MONTH, "m"), row))
        .isEqualTo("m=2025-01");
    assertThat(PartitionPath.of(single(ColumnType.timestamp(null), Transform.YEAR, "y"), row))
        .isEqualTo("y=2025");
  }

  @Test
  void joinsLevelsWithSlashesInContractOrder() {
    DatasetContract contract =
        contract(
            "events",
            List.of(
                column("event_time", ColumnType.timestamp(null), true, Pii.NONE),
                column("country", ColumnType.of(Kind.STRING), true, Pii.NONE)),
            List.of(),
            List.of(
                new PartitionSpec("country", "country", Transform.IDENTITY),
                new PartitionSpec("event_date", "event_time", Transform.DAY)));
    PartitionPath paths = new PartitionPath(contract);

    String first = paths.pathOf(new Object[] {Instant.parse("2024-03-04T05:06:07Z"), "CH"});
    String second = paths.pathOf(new Object[] {Instant.parse("2024-03-04T23:59:59Z"), "CH"});

    assertThat(first).isEqualTo("country=CH/event_date=2024-03-04");
    assertThat(second).isSameAs(first);
  }

  @Test
  void escapesStringsLikeHive() {
    DatasetContract contract = single(ColumnType.of(Kind.STRING), Transform.IDENTITY, "name");

    assertThat(PartitionPath.of(contract, new Object[] {"a/b:c=d%e#f?g", 1L}))
        .isEqualTo("name=a%2Fb%3Ac%3Dd%25e%23f%3Fg");
    assertThat(PartitionPath.of(contract, new Object[] {"tab\there\u007f[x]{y}^'*\"\\", 1L}))
        .isEqualTo("name=tab%09here%7F%5Bx%5D%7By}%5E%27%2A%22%5C");
    assertThat(PartitionPath.of(contract, new Object[] {"Zürich plain-text_1.0", 1L}))
        .isEqualTo("name=Zürich plain-text_1.0");
    assertThat(PartitionPath.of(contract, new Object[] {"", 1L}))
        .isEqualTo("name=__HIVE_DEFAULT_PARTITION__");
  }

  @Test
  void readsValuesBackFromEscapedPathsLevelByLevel() {
    assertThat(PartitionPath.values("name=a%2Fb%3Ac%3Dd%25e%23f%3Fg"))
        .containsExactly("a/b:c=d%e#f?g");
    assertThat(PartitionPath.values("region=EU/event_date=2024-03-04"))
        .containsExactly("EU", "2024-03-04");
    assertThat(PartitionPath.values("name=__HIVE_DEFAULT_PARTITION__")).containsExactly("");
    assertThat(PartitionPath.values("name=100%")).containsExactly("100%");
    assertThat(PartitionPath.unescape(PartitionPath.escape("tab\there\u007f[x]{y}^'*\"\\")))
        .isEqualTo("tab\there\u007f[x]{y}^'*\"\\");
  }

  @Test
  void refusesAPathLevelWithoutName() {
    assertThatThrownBy(() -> PartitionPath.values("2024-03-04"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Not a partition path: '2024-03-04'");
  }

  @Test
  void printsNumbersAndBooleansPlainly() {
    assertThat(
            PartitionPath.of(
                single(ColumnType.decimal(10, 2), Transform.IDENTITY, "p"),
                new Object[] {new BigDecimal("1E+3").setScale(2), 1L}))
        .isEqualTo("p=1000.00");
    assertThat(
            PartitionPath.of(
                single(ColumnType.of(Kind.INT), Transform.IDENTITY, "p"), new Object[] {-5, 1L}))
        .isEqualTo("p=-5");
    assertThat(
            PartitionPath.of(
                single(ColumnType.of(Kind.BOOLEAN), Transform.IDENTITY, "p"),
                new Object[] {true, 1L}))
        .isEqualTo("p=true");
  }

  @Test
  void isEmptyForAnUnpartitionedDataset() {
    DatasetContract contract =
        contract(
            "plain",
            List.of(column("id", ColumnType.of(Kind.LONG), true, Pii.NONE)),
            List.of(),
            List.of());

    assertThat(new PartitionPath(contract).isPartitioned()).isFalse();
    assertThat(PartitionPath.of(contract, new Object[] {1L})).isEmpty();
  }

  @Test
  void rejectsARowWithoutItsPartitionValue() {
    DatasetContract contract = single(ColumnType.date(null), Transform.IDENTITY, "booking_date");

    assertThatThrownBy(() -> PartitionPath.of(contract, new Object[] {null, 1L}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot partition row by booking_date: column source has no value");
  }

  @Test
  void rejectsADateTransformOfANonTemporalColumn() {
    DatasetContract contract = single(ColumnType.of(Kind.STRING), Transform.DAY, "day");

    assertThatThrownBy(() -> new PartitionPath(contract))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot partition dataset t by day: transform DAY needs a date or timestamp column,"
                + " source is string");
  }

  @Test
  void rejectsAPartitionOfAnUnknownColumn() {
    DatasetContract contract =
        contract(
            "t",
            List.of(column("id", ColumnType.of(Kind.LONG), true, Pii.NONE)),
            List.of(),
            List.of(new PartitionSpec("day", "missing", Transform.DAY)));

    assertThatThrownBy(() -> new PartitionPath(contract))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot partition dataset t by day: no column missing");
  }

  /** A contract {@code t(source, id)} partitioned by one level named {@code name}. */
  private static DatasetContract single(ColumnType type, Transform transform, String name) {
    return contract(
        "t",
        List.of(
            column("source", type, true, Pii.NONE),
            column("id", ColumnType.of(Kind.LONG), true, Pii.NONE)),
        List.of(),
        List.of(new PartitionSpec(name, "source", transform)));
  }
}
