package io.strata.core.history;

import static io.strata.core.history.TestContracts.column;
import static io.strata.core.history.TestContracts.contract;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.ColumnType;
import io.strata.core.contract.ColumnType.Kind;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.PartitionSpec;
import io.strata.core.contract.Pii;
import io.strata.core.table.TableSchemas;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;

class ParquetSchemasTest {

  @Test
  void mapsEveryTypeAndAppendsLineageColumnsWithTheTablesFieldIds() {
    DatasetContract contract = TestContracts.payments();

    MessageType schema = ParquetSchemas.forContract(contract, TableSchemas.schema(contract));

    assertThat(schema.toString())
        .isEqualTo(
            """
            message payments {
              required int64 id = 1;
              required int32 booking_date (DATE) = 2;
              required binary customer (STRING) = 3;
              required binary iban (STRING) = 4;
              optional binary email (STRING) = 5;
              optional boolean active = 6;
              optional int32 quantity = 7;
              optional int64 amount (DECIMAL(18,2)) = 8;
              optional fixed_len_byte_array(16) balance (DECIMAL(38,10)) = 9;
              optional double ratio = 10;
              optional int64 booked_at (TIMESTAMP(MICROS,true)) = 11;
              optional binary note (STRING) = 12;
              required binary _batch_id (STRING) = 13;
              required int64 _ingested_at (TIMESTAMP(MICROS,true)) = 14;
              required binary _source_key (STRING) = 15;
              required int64 _source_line = 16;
            }
            """);
  }

  @Test
  void storesIdentityPartitionColumnsAndLeavesOutDroppedOnes() {
    DatasetContract contract =
        contract(
            "events",
            List.of(
                column("event_time", ColumnType.timestamp(null), true, Pii.NONE),
                column("country", ColumnType.of(Kind.STRING), true, Pii.NONE),
                column("token", ColumnType.of(Kind.STRING), false, new Pii(Pii.PiiMode.DROP, 0)),
                column("user_id", ColumnType.of(Kind.LONG), true, new Pii(Pii.PiiMode.HASH, 0))),
            List.of(),
            List.of(
                new PartitionSpec("country", "country", PartitionSpec.Transform.IDENTITY),
                new PartitionSpec("event_date", "event_time", PartitionSpec.Transform.DAY)));

    MessageType schema = ParquetSchemas.forContract(contract, TableSchemas.schema(contract));

    assertThat(schema.getFields().stream().map(f -> f.getName()))
        .containsExactly(
            "event_time",
            "country",
            "user_id",
            "_batch_id",
            "_ingested_at",
            "_source_key",
            "_source_line");
    assertThat(schema.getType("user_id").toString())
        .isEqualTo("required binary user_id (STRING) = 3");
    assertThat(ParquetSchemas.storedColumns(contract)).containsExactly(0, 1, 3);
  }

  @Test
  void refusesATableWithoutAColumnTheContractStores() {
    DatasetContract contract = TestContracts.payments();
    org.apache.iceberg.Schema table =
        new org.apache.iceberg.Schema(
            org.apache.iceberg.types.Types.NestedField.required(
                1, "id", org.apache.iceberg.types.Types.LongType.get()));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ParquetSchemas.forContract(contract, table))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot write history of dataset payments: its table has no column booking_date");
  }

  @Test
  void usesTheFewestBytesForWideDecimals() {
    assertThat(ParquetSchemas.decimalBytes(18)).isEqualTo(8);
    assertThat(ParquetSchemas.decimalBytes(19)).isEqualTo(9);
    assertThat(ParquetSchemas.decimalBytes(38)).isEqualTo(16);
  }
}
