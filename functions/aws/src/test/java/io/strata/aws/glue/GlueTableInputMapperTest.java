package io.strata.aws.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.catalog.CatalogColumn;
import io.strata.core.catalog.CatalogPartition;
import io.strata.core.catalog.CatalogTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

class GlueTableInputMapperTest {

  private static final SerDeInfo PARQUET_SERDE =
      SerDeInfo.builder()
          .serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
          .parameters(Map.of("serialization.format", "1"))
          .build();

  @Test
  void mapsTableToAnExternalParquetTableWithColumnsPartitionKeysAndParameters() {
    // given
    CatalogTable table = GlueFixtures.table();

    // when
    TableInput input = GlueTableInputMapper.tableInput(table);

    // then
    assertThat(input.name()).isEqualTo("bank_transactions");
    assertThat(input.description()).isEqualTo("Card and transfer transactions");
    assertThat(input.tableType()).isEqualTo("EXTERNAL_TABLE");
    assertThat(input.parameters())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "classification", "parquet", "EXTERNAL", "TRUE", "strata.contract_version", "2"));
    assertThat(input.partitionKeys())
        .containsExactly(column("booking_date", "date", "UTC day of booked_at"));
    StorageDescriptor storage = input.storageDescriptor();
    assertThat(storage.columns())
        .containsExactly(
            column("transaction_id", "string", "unique per source system"),
            column("amount", "decimal(18,2)", null),
            column("_batch_id", "string", "batch that wrote the row"));
    assertThat(storage.location()).isEqualTo("s3://strata-history/bank_transactions/");
    assertThat(storage.inputFormat())
        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
    assertThat(storage.outputFormat())
        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
    assertThat(storage.serdeInfo()).isEqualTo(PARQUET_SERDE);
  }

  @Test
  void classifiesEveryTableAsParquet() {
    // given
    CatalogTable table = tableWith(Map.of("classification", "csv"), "", "");

    // when
    TableInput input = GlueTableInputMapper.tableInput(table);

    // then
    assertThat(input.parameters()).containsExactlyEntriesOf(Map.of("classification", "parquet"));
  }

  @Test
  void leavesEmptyTextsOutAndCutsTextsToGluesLimits() {
    // given
    String longComment = "c".repeat(254) + "\uD83D\uDE00" + "tail";
    String longDescription = "d".repeat(2100);
    CatalogTable table = tableWith(Map.of(), longDescription, longComment);
    CatalogTable blank = tableWith(Map.of(), "", "");

    // when
    TableInput cut = GlueTableInputMapper.tableInput(table);
    TableInput empty = GlueTableInputMapper.tableInput(blank);

    // then
    assertThat(cut.description()).isEqualTo("d".repeat(2048));
    assertThat(cut.storageDescriptor().columns().get(0).comment()).isEqualTo("c".repeat(254));
    assertThat(empty.description()).isNull();
    assertThat(empty.storageDescriptor().columns().get(0).comment()).isNull();
  }

  @Test
  void mapsPartitionToTheTablesColumnsFormatsAndSerDeAtThePartitionsLocation() {
    // given
    CatalogTable table = GlueFixtures.table();
    CatalogPartition partition = GlueFixtures.partition("2024-03-01");

    // when
    PartitionInput input = GlueTableInputMapper.partitionInput(table, partition);

    // then
    assertThat(input.values()).containsExactly("2024-03-01");
    assertThat(input.storageDescriptor())
        .isEqualTo(
            GlueTableInputMapper.tableInput(table).storageDescriptor().toBuilder()
                .location("s3://strata-history/bank_transactions/booking_date=2024-03-01/")
                .build());
  }

  @Test
  void mapsStoredGlueTableBackWithItsVersionId() {
    // given
    TableInput input = GlueTableInputMapper.tableInput(GlueFixtures.table());
    Table stored =
        Table.builder()
            .name(input.name())
            .databaseName("lake")
            .description(input.description())
            .tableType(input.tableType())
            .parameters(input.parameters())
            .partitionKeys(input.partitionKeys())
            .storageDescriptor(input.storageDescriptor())
            .versionId("7")
            .build();

    // when
    CatalogTable table = GlueTableInputMapper.catalogTable(stored);

    // then
    assertThat(table).isEqualTo(GlueFixtures.table().withVersion("7"));
  }

  @Test
  void refusesGlueTableWithoutColumnsOrLocation() {
    Table view = Table.builder().name("a_view").tableType("VIRTUAL_VIEW").build();
    Table noLocation =
        Table.builder()
            .name("elsewhere")
            .storageDescriptor(
                StorageDescriptor.builder().columns(column("id", "string", null)).build())
            .build();

    assertThatThrownBy(() -> GlueTableInputMapper.catalogTable(view))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Glue holds no columns for it");
    assertThatThrownBy(() -> GlueTableInputMapper.catalogTable(noLocation))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Glue holds no location for it");
  }

  @Test
  void mapsStoredGluePartitionBackToValuesAndLocation() {
    // given
    Partition stored =
        Partition.builder()
            .values("2024-03-01")
            .storageDescriptor(
                StorageDescriptor.builder()
                    .location("s3://strata-history/bank_transactions/booking_date=2024-03-01/")
                    .build())
            .build();

    // when
    CatalogPartition partition = GlueTableInputMapper.catalogPartition(stored);

    // then
    assertThat(partition).isEqualTo(GlueFixtures.partition("2024-03-01"));
  }

  private static Column column(String name, String type, String comment) {
    return Column.builder().name(name).type(type).comment(comment).build();
  }

  private static CatalogTable tableWith(
      Map<String, String> parameters, String description, String comment) {
    return new CatalogTable(
        "t",
        description,
        List.of(new CatalogColumn("id", "string", comment)),
        List.of(),
        "s3://b/t/",
        parameters,
        null);
  }
}
