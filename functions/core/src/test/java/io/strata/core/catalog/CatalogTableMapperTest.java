package io.strata.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.strata.core.contract.DatasetContract;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTableMapperTest {

  @Test
  void mapsBankTransactionsToHiveTypesWithLineageAndIdentityPartitionKey() {
    // given
    DatasetContract contract = Contracts.demo("bank_transactions");

    // when
    CatalogTable table = CatalogTableMapper.forContract(contract, "strata-history");

    // then
    assertThat(table.name()).isEqualTo("bank_transactions");
    assertThat(table.location()).isEqualTo("s3://strata-history/bank_transactions/");
    assertThat(table.description())
        .isEqualTo("Booked account transactions, one row per transaction.");
    assertThat(table.columns())
        .extracting(c -> c.name() + " " + c.type())
        .containsExactly(
            "transaction_id string",
            "account_iban string",
            "amount decimal(18,2)",
            "currency string",
            "counterparty string",
            "channel string",
            "_batch_id string",
            "_ingested_at timestamp",
            "_source_key string",
            "_source_line bigint");
    assertThat(table.column("account_iban").orElseThrow().comment())
        .isEqualTo("IBAN of the account; only the last four characters are kept visible.");
    assertThat(table.partitionKeys())
        .containsExactly(new CatalogColumn("booking_date", "date", ""));
    assertThat(table.parameters())
        .containsExactly(
            entry("classification", "parquet"),
            entry("parquet.compression", "ZSTD"),
            entry("EXTERNAL", "TRUE"),
            entry("strata.contract_version", "1"),
            entry("strata.schema_evolution", "additive"));
    assertThat(table.version()).isNull();
    assertThat(table.contractVersion()).isEqualTo(1);
    assertThat(table.projected()).isFalse();
  }

  @Test
  void mapsHashedPiiToStringAndDayTransformToDatePartitionKey() {
    // given
    DatasetContract contract = Contracts.demo("telecom_usage");

    // when
    CatalogTable table = CatalogTableMapper.forContract(contract, "h");

    // then
    assertThat(table.columns())
        .extracting(c -> c.name() + " " + c.type())
        .startsWith(
            "event_id string",
            "subscriber_id string",
            "event_type string",
            "event_time timestamp",
            "duration_s int",
            "bytes bigint",
            "cell_id string",
            "_batch_id string");
    assertThat(table.partitionKeys())
        .containsExactly(new CatalogColumn("event_date", "date", "UTC day of event_time"));
  }

  @Test
  void mapsEveryTypeAndLeavesDroppedPiiOut() {
    // given
    DatasetContract contract =
        Contracts.yaml(
            """
            name: things
            version: 3
            format: jsonl
            columns:
              - {name: s, type: string, required: true}
              - {name: b, type: boolean}
              - {name: i, type: int}
              - {name: l, type: long}
              - {name: d, type: double}
              - {name: big, type: "decimal(38,10)"}
              - {name: day, type: date}
              - {name: at, type: timestamp, required: true}
              - {name: secret, type: string, pii: drop}
              - {name: email, type: string, pii: hash}
            partitions:
              - {name: month, source: at, transform: month}
              - {name: year, source: at, transform: year}
            schema_evolution: strict
            """);

    // when
    CatalogTable table = CatalogTableMapper.forContract(contract, "h");

    // then
    assertThat(table.columns())
        .extracting(c -> c.name() + " " + c.type())
        .containsExactly(
            "s string",
            "b boolean",
            "i int",
            "l bigint",
            "d double",
            "big decimal(38,10)",
            "day date",
            "at timestamp",
            "email string",
            "_batch_id string",
            "_ingested_at timestamp",
            "_source_key string",
            "_source_line bigint");
    assertThat(table.partitionKeys())
        .extracting(c -> c.name() + " " + c.type())
        .containsExactly("month string", "year string");
    assertThat(table.parameters())
        .contains(
            entry("strata.contract_version", "3"), entry("strata.schema_evolution", "strict"));
  }

  @Test
  void mapsProjectionToAthenaTablePropertiesAndLocationTemplate() {
    // given
    DatasetContract contract =
        Contracts.yaml(
            """
            name: clicks
            version: 1
            format: jsonl
            columns:
              - {name: at, type: timestamp, required: true}
              - {name: region, type: string, required: true, rules: {allowed: [eu, us]}}
              - {name: shard, type: int, required: true, rules: {min: 0, max: 15}}
              - {name: site, type: string, required: true}
            partitions:
              - {name: event_date, source: at, transform: day}
              - {name: region, source: region}
              - {name: shard, source: shard}
              - {name: site, source: site}
            catalog:
              partition_projection: true
              projection_ranges:
                event_date: "2024-01-01,NOW+1DAYS"
            """);

    // when
    CatalogTable table = CatalogTableMapper.forContract(contract, "hist");

    // then
    assertThat(table.projected()).isTrue();
    assertThat(table.parameters())
        .contains(
            entry("projection.enabled", "true"),
            entry("projection.event_date.type", "date"),
            entry("projection.event_date.range", "2024-01-01,NOW+1DAYS"),
            entry("projection.event_date.format", "yyyy-MM-dd"),
            entry("projection.event_date.interval", "1"),
            entry("projection.event_date.interval.unit", "DAYS"),
            entry("projection.region.type", "enum"),
            entry("projection.region.values", "eu,us"),
            entry("projection.shard.type", "integer"),
            entry("projection.shard.range", "0,15"),
            entry("projection.site.type", "injected"),
            entry(
                "storage.location.template",
                "s3://hist/clicks/event_date=${event_date}/region=${region}/shard=${shard}"
                    + "/site=${site}/"));
  }

  @Test
  void mapsMonthProjectionWithItsFormatAndUnit() {
    // given
    DatasetContract contract =
        Contracts.yaml(
            """
            name: invoices
            version: 1
            format: csv
            columns:
              - {name: issued, type: date, required: true}
            partitions:
              - {name: issued_month, source: issued, transform: month}
            catalog:
              partition_projection: true
              projection_ranges: {issued_month: "2020-01,NOW"}
            """);

    // when
    CatalogTable table = CatalogTableMapper.forContract(contract, "h");

    // then
    assertThat(table.parameters())
        .contains(
            entry("projection.issued_month.format", "yyyy-MM"),
            entry("projection.issued_month.interval.unit", "MONTHS"),
            entry("projection.issued_month.range", "2020-01,NOW"));
  }

  @Test
  void mapsBatchPartitionPathsToUnescapedValuesAndLocationsOnce() {
    // given
    CatalogTable table =
        CatalogTableMapper.forContract(Contracts.demo("bank_transactions"), "strata-history");

    // when
    List<CatalogPartition> partitions =
        CatalogTableMapper.partitions(
            table,
            List.of(
                "booking_date=2024-01-15", "booking_date=2024-01-14", "booking_date=2024-01-15"));

    // then
    assertThat(partitions)
        .containsExactly(
            new CatalogPartition(
                List.of("2024-01-14"),
                "s3://strata-history/bank_transactions/booking_date=2024-01-14/"),
            new CatalogPartition(
                List.of("2024-01-15"),
                "s3://strata-history/bank_transactions/booking_date=2024-01-15/"));
  }

  @Test
  void refusesPartitionPathWithWrongNumberOfLevels() {
    // given
    CatalogTable table = CatalogTableMapper.forContract(Contracts.demo("bank_transactions"), "h");

    // when / then
    assertThatThrownBy(() -> CatalogTableMapper.partitions(table, List.of("a=1/b=2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot map partition 'a=1/b=2' of table bank_transactions: it has 2 levels,"
                + " the table 1");
  }

  @Test
  void cutsTextsToGlueLimitsNeverInsideASurrogatePair() {
    // given
    String emoji = "\uD83D\uDE00";

    // when
    CatalogColumn column = new CatalogColumn("c", "string", "c".repeat(254) + emoji + "tail");
    String description = CatalogTexts.cut("d".repeat(2100), CatalogTexts.MAX_DESCRIPTION);

    // then
    assertThat(column.comment()).isEqualTo("c".repeat(254));
    assertThat(description).hasSize(2048);
    assertThat(CatalogTexts.cut(null, 10)).isEmpty();
  }
}
