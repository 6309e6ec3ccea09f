package io.strata.core.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.contract.DatasetContract;
import io.strata.core.store.InMemoryObjectStore;
import io.strata.core.testing.TestCatalogs;
import java.time.Duration;
import java.util.List;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class HistoryTablesTest {

  private static final String NO_EXTRA = "";

  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final Catalog catalog = TestCatalogs.inMemory(store);
  private final HistoryTables tables =
      new HistoryTables(
          catalog,
          TestCatalogs.DATABASE,
          "history",
          new CommitRetry(3, Duration.ZERO, Duration.ZERO));

  @Test
  void createsTheTableOnFirstUseAtTheDatasetsFolderWithMetadataInTheStore() {
    // when
    Table table = tables.ensure(Contracts.orders(1, "additive", NO_EXTRA));

    // then
    assertThat(table.location()).isEqualTo("s3://history/orders");
    assertThat(table.properties()).containsEntry("strata.contract-version", "1");
    assertThat(((HasTableOperations) table).operations().current().formatVersion()).isEqualTo(2);
    assertThat(store.keys("history"))
        .anyMatch(k -> k.matches("orders/metadata/.*\\.metadata\\.json"));
    assertThat(tables.load("orders")).isPresent();
    assertThat(tables.load("nothing_yet")).isEmpty();
  }

  @Test
  void leavesTheTableAloneForTheContractThatMadeIt() {
    // given
    DatasetContract contract = Contracts.orders(1, "additive", NO_EXTRA);
    Table created = tables.ensure(contract);

    // when
    Table again = tables.ensure(contract);

    // then
    assertThat(again.schema().schemaId()).isEqualTo(created.schema().schemaId());
    assertThat(((HasTableOperations) again).operations().current().previousFiles()).isEmpty();
  }

  @Test
  void addsAnOptionalColumnBeforeTheLineageColumnsAndWidensTypesUnderAdditive() {
    // given
    tables.ensure(Contracts.orders(1, "additive", NO_EXTRA));
    DatasetContract v2 =
        Contracts.orders(
            2, "additive", "long", "decimal(12,2)", "  - {name: coupon, type: string}");

    // when
    Table table = tables.ensure(v2);

    // then
    assertThat(table.schema().columns())
        .extracting(c -> c.name() + " " + c.type())
        .containsExactly(
            "order_id string",
            "order_date date",
            "quantity long",
            "price decimal(12, 2)",
            "coupon string",
            "_batch_id string",
            "_ingested_at timestamptz",
            "_source_key string",
            "_source_line long");
    assertThat(table.schema().findField("coupon").isOptional()).isTrue();
    assertThat(table.properties()).containsEntry("strata.contract-version", "2");
    assertThat(tables.load("orders").orElseThrow().schema().findField("quantity").type())
        .isEqualTo(Types.LongType.get());
  }

  @Test
  void refusesUnderStrictEveryNewColumnAndChangesNothing() {
    // given
    Table before = tables.ensure(Contracts.orders(1, "strict", NO_EXTRA));

    // when / then
    assertThatThrownBy(
            () -> tables.ensure(Contracts.orders(2, "strict", "  - {name: coupon, type: string}")))
        .isInstanceOf(SchemaChangeRefusedException.class)
        .hasMessage(
            "Cannot register contract orders v2 in table strata.orders: table orders cannot gain"
                + " columns [coupon]: schema_evolution is strict, the table must stay as it is");
    assertThat(tables.load("orders").orElseThrow().schema().sameSchema(before.schema())).isTrue();
  }

  @Test
  void refusesANewRequiredColumnATypeNarrowingARemovedColumnAndOtherPartitions() {
    // given
    tables.ensure(Contracts.orders(1, "additive", NO_EXTRA));

    // when / then
    assertThatThrownBy(
            () ->
                tables.ensure(
                    Contracts.orders(
                        2, "additive", "  - {name: coupon, type: string, required: true}")))
        .hasMessageEndingWith(
            "new column coupon of table orders is required, but rows written before it have no"
                + " value: declare it required: false");
    assertThatThrownBy(
            () -> tables.ensure(Contracts.orders(2, "additive", "string", "decimal(10,2)", "")))
        .hasMessageEndingWith(
            "column quantity of table orders cannot change type from int to string: additive"
                + " evolution allows only new optional columns, int to long and a larger decimal"
                + " precision");
    assertThatThrownBy(
            () ->
                tables.ensure(
                    Contracts.yaml(
                        """
                        name: orders
                        version: 2
                        format: csv
                        columns:
                          - {name: order_id, type: string, required: true}
                          - {name: order_date, type: date, required: true}
                          - {name: quantity, type: int, required: true}
                        partitions:
                          - {name: order_date, source: order_date}
                        """)))
        .hasMessageEndingWith(
            "column price of table orders is missing from contract orders v2: columns are never"
                + " removed, the history still holds them");
    assertThatThrownBy(
            () ->
                tables.ensure(
                    Contracts.yaml(
                        """
                        name: orders
                        version: 2
                        format: csv
                        columns:
                          - {name: order_id, type: string, required: true}
                          - {name: order_date, type: date, required: true}
                          - {name: quantity, type: int, required: true}
                          - {name: price, type: "decimal(10,2)"}
                        partitions:
                          - {name: order_month, source: order_date, transform: month}
                        """)))
        .hasMessageEndingWith(
            "partitions of table orders cannot change from [order_date=identity(order_date)] to"
                + " [order_month=month(order_date)]");
  }

  @Test
  void acceptsAnOlderWriterThatTheWidenedTableCanReadWithoutChangingIt() {
    // given
    tables.ensure(Contracts.orders(2, "additive", "long", "decimal(12,2)", ""));

    // when
    Table table = tables.ensure(Contracts.orders(1, "additive", NO_EXTRA));

    // then
    assertThat(table.schema().findField("quantity").type()).isEqualTo(Types.LongType.get());
    assertThat(table.properties()).containsEntry("strata.contract-version", "2");
    assertThatThrownBy(
            () -> tables.ensure(Contracts.orders(1, "additive", "  - {name: gift, type: string}")))
        .hasMessageEndingWith(
            "contract orders v1 writes column gift, which table orders (contract v2) does not"
                + " have");
  }

  @Test
  void refusesATableMadeOutsideStrataWithoutLineageColumns() {
    // given
    Schema foreign =
        new Schema(
            Types.NestedField.required(1, "order_id", Types.StringType.get()),
            Types.NestedField.required(2, "order_date", Types.DateType.get()));
    catalog.createTable(
        tables.identifier("orders"),
        foreign,
        PartitionSpec.builderFor(foreign).identity("order_date").build());

    // when / then
    assertThatThrownBy(() -> tables.ensure(Contracts.orders(1, "additive", NO_EXTRA)))
        .isInstanceOf(SchemaChangeRefusedException.class)
        .hasMessage(
            "Cannot register contract orders v1 in table strata.orders: table orders was not"
                + " created by Strata: its lineage column _batch_id is missing, expected string");
  }

  @Test
  void namesTheTableWhenItsMetadataDisappeared() {
    // given
    tables.ensure(Contracts.orders(1, "additive", NO_EXTRA));
    List<String> metadata =
        store.keys("history").stream().filter(k -> k.endsWith(".metadata.json")).toList();
    metadata.forEach(k -> store.delete("history", k));

    // when / then
    assertThatThrownBy(() -> tables.load("orders"))
        .isInstanceOf(TableException.class)
        .hasMessageStartingWith("Cannot load table strata.orders: ")
        .hasMessageContaining("does not exist");
  }
}
