package io.strata.core.history;

import static io.strata.core.history.TestContracts.column;
import static io.strata.core.history.TestContracts.contract;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.contract.ColumnType;
import io.strata.core.contract.ColumnType.Kind;
import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.PartitionSpec;
import io.strata.core.contract.Pii;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;

class ParquetSchemasTest {

  @Test
  void mapsEveryTypeAndAppendsLineageColumns() {
    DatasetContract contract = TestContracts.payments();

    MessageType schema = ParquetSchemas.forContract(contract);

    assertThat(schema.toString())
        .isEqualTo(
            """
            message payments {
              required int64 id;
              required binary customer (STRING);
              required binary iban (STRING);
              optional binary email (STRING);
              optional boolean active;
              optional int32 quantity;
              optional int64 amount (DECIMAL(18,2));
              optional fixed_len_byte_array(16) balance (DECIMAL(38,10));
              optional double ratio;
              optional int64 booked_at (TIMESTAMP(MICROS,true));
              optional binary note (STRING);
              required binary _batch_id (STRING);
              required int64 _ingested_at (TIMESTAMP(MICROS,true));
              required binary _source_key (STRING);
              required int64 _source_line;
            }
            """);
  }

  @Test
  void leavesOutIdentityPartitionAndDroppedColumnsButKeepsDerivedPartitionSources() {
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

    MessageType schema = ParquetSchemas.forContract(contract);

    assertThat(schema.getFields().stream().map(f -> f.getName()))
        .containsExactly(
            "event_time", "user_id", "_batch_id", "_ingested_at", "_source_key", "_source_line");
    assertThat(schema.getType("user_id").toString()).isEqualTo("required binary user_id (STRING)");
    assertThat(ParquetSchemas.storedColumns(contract)).containsExactly(0, 3);
  }

  @Test
  void usesTheFewestBytesForWideDecimals() {
    assertThat(ParquetSchemas.decimalBytes(18)).isEqualTo(8);
    assertThat(ParquetSchemas.decimalBytes(19)).isEqualTo(9);
    assertThat(ParquetSchemas.decimalBytes(38)).isEqualTo(16);
  }
}
