package io.strata.core.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.strata.core.contract.DatasetContract;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class TableSchemasTest {

  @Test
  void mapsBankTransactionsToStoredColumnsThenLineageWithTheIdentityPartitionStored() {
    // given
    DatasetContract contract = Contracts.demo("bank_transactions");

    // when
    Schema schema = TableSchemas.schema(contract);

    // then
    assertThat(schema.columns())
        .extracting(c -> c.name() + " " + c.type() + (c.isRequired() ? " required" : ""))
        .containsExactly(
            "transaction_id string required",
            "account_iban string required",
            "booking_date date required",
            "amount decimal(18, 2) required",
            "currency string required",
            "counterparty string",
            "channel string",
            "_batch_id string required",
            "_ingested_at timestamptz required",
            "_source_key string required",
            "_source_line long required");
    assertThat(TableSchemas.spec(contract, schema).fields())
        .extracting(f -> f.name() + "=" + f.transform())
        .containsExactly("booking_date=identity");
  }

  @Test
  void hidesTheDayPartitionOfTelecomUsageBehindItsTimestampAndHashesSubscribers() {
    // given
    DatasetContract contract = Contracts.demo("telecom_usage");

    // when
    Schema schema = TableSchemas.schema(contract);
    PartitionSpec spec = TableSchemas.spec(contract, schema);

    // then
    assertThat(schema.findField("event_time").type()).isEqualTo(Types.TimestampType.withZone());
    assertThat(schema.findField("subscriber_id").type()).isEqualTo(Types.StringType.get());
    assertThat(schema.findField("event_date")).isNull();
    assertThat(spec.fields()).hasSize(1);
    assertThat(spec.fields().get(0).name()).isEqualTo("event_date");
    assertThat(spec.fields().get(0).transform().toString()).isEqualTo("day");
    assertThat(schema.findField(spec.fields().get(0).sourceId()).name()).isEqualTo("event_time");
  }

  @Test
  void leavesDroppedColumnsOutAndSetsStrataPropertiesWithIcebergRetriesOff() {
    // given
    DatasetContract contract =
        Contracts.yaml(
            """
            name: people
            version: 3
            format: csv
            columns:
              - {name: id, type: long, required: true}
              - {name: secret, type: string, pii: drop}
              - {name: email, type: string, pii: {mask: {keep_last: 4}}}
            schema_evolution: strict
            """);

    // when
    Schema schema = TableSchemas.schema(contract);

    // then
    assertThat(schema.columns())
        .extracting(Types.NestedField::name)
        .containsExactly("id", "email", "_batch_id", "_ingested_at", "_source_key", "_source_line");
    assertThat(TableSchemas.properties(contract))
        .contains(
            entry("format-version", "2"),
            entry("commit.retry.num-retries", "0"),
            entry("write.parquet.compression-codec", "zstd"),
            entry("write.metadata.delete-after-commit.enabled", "true"),
            entry("write.metadata.previous-versions-max", "20"),
            entry("strata.contract-version", "3"),
            entry("strata.schema-evolution", "strict"));
  }
}
