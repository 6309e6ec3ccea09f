package io.strata.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.strata.core.contract.DatasetContract;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableEvolutionTest {

  private static final String NO_EXTRA = "";

  private static CatalogTable stored(DatasetContract contract) {
    return CatalogTableMapper.forContract(contract, "h").withVersion("7");
  }

  private static TableChange decide(CatalogTable stored, DatasetContract contract) {
    return TableEvolution.decide(stored, CatalogTableMapper.forContract(contract, "h"), contract);
  }

  @Test
  void leavesTableAloneForTheContractThatMadeIt() {
    // given
    DatasetContract contract = Contracts.orders(1, "additive", NO_EXTRA);

    // when
    TableChange change = decide(stored(contract), contract);

    // then
    assertThat(change).isEqualTo(new TableChange.Unchanged());
  }

  @Test
  void addsNewNullableColumnBeforeLineageKeepingTheReadVersion() {
    // given
    CatalogTable table = stored(Contracts.orders(1, "additive", NO_EXTRA));
    DatasetContract v2 =
        Contracts.orders(2, "additive", "  - {name: coupon, type: string, required: false}");

    // when
    TableChange change = decide(table, v2);

    // then
    TableChange.Update update = (TableChange.Update) change;
    assertThat(update.table().columns())
        .extracting(CatalogColumn::name)
        .containsExactly(
            "order_id",
            "quantity",
            "price",
            "coupon",
            "_batch_id",
            "_ingested_at",
            "_source_key",
            "_source_line");
    assertThat(update.table().version()).isEqualTo("7");
    assertThat(update.table().contractVersion()).isEqualTo(2);
    assertThat(update.summary()).isEqualTo("added columns [coupon]; contract v1 -> v2");
  }

  @Test
  void widensIntToBigintAndDecimalPrecisionAtSameScale() {
    // given
    CatalogTable table = stored(Contracts.orders(1, "additive", NO_EXTRA));
    DatasetContract v2 = Contracts.orders(2, "additive", "long", "decimal(14,2)", NO_EXTRA);

    // when
    TableChange change = decide(table, v2);

    // then
    TableChange.Update update = (TableChange.Update) change;
    assertThat(update.table().column("quantity").orElseThrow().type()).isEqualTo("bigint");
    assertThat(update.table().column("price").orElseThrow().type()).isEqualTo("decimal(14,2)");
    assertThat(update.summary()).isEqualTo("widened columns [quantity, price]; contract v1 -> v2");
  }

  @Test
  void refusesNarrowingAndOtherTypeChanges() {
    // given
    CatalogTable table = stored(Contracts.orders(1, "additive", NO_EXTRA));
    DatasetContract v2 = Contracts.orders(2, "additive", "int", "decimal(10,3)", NO_EXTRA);

    // when
    TableChange change = decide(table, v2);

    // then
    assertThat(change)
        .isEqualTo(
            new TableChange.Refused(
                "column price of table orders cannot change type from decimal(10,2) to"
                    + " decimal(10,3): additive evolution allows only new nullable columns, int"
                    + " to bigint and a larger decimal precision"));
  }

  @Test
  void refusesRemovedColumn() {
    // given
    CatalogTable table = stored(Contracts.orders(1, "additive", "  - {name: note, type: string}"));
    DatasetContract v2 = Contracts.orders(2, "additive", NO_EXTRA);

    // when
    TableChange change = decide(table, v2);

    // then
    assertThat(change)
        .isEqualTo(
            new TableChange.Refused(
                "column note of table orders is missing from contract orders v2: columns are"
                    + " never removed, the history still holds them"));
  }

  @Test
  void refusesNewRequiredColumn() {
    // given
    CatalogTable table = stored(Contracts.orders(1, "additive", NO_EXTRA));
    DatasetContract v2 =
        Contracts.orders(2, "additive", "  - {name: channel, type: string, required: true}");

    // when
    TableChange change = decide(table, v2);

    // then
    assertThat(change)
        .isEqualTo(
            new TableChange.Refused(
                "new column channel of table orders is required, but rows written before it have"
                    + " no value: declare it required: false"));
  }

  @Test
  void refusesChangedPartitionKeys() {
    // given
    CatalogTable table = stored(Contracts.orders(1, "additive", NO_EXTRA));
    DatasetContract v2 =
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
            """);

    // when
    TableChange change = decide(table, v2);

    // then
    assertThat(change)
        .isEqualTo(
            new TableChange.Refused(
                "partition keys of table orders cannot change from [order_date date] to"
                    + " [order_month string]"));
  }

  @Test
  void strictRefusesNewColumnsAndWidenings() {
    // given
    CatalogTable table = stored(Contracts.orders(1, "strict", NO_EXTRA));
    DatasetContract added = Contracts.orders(2, "strict", "  - {name: coupon, type: string}");

    // when
    TableChange change = decide(table, added);

    // then
    assertThat(change)
        .isEqualTo(
            new TableChange.Refused(
                "table orders cannot gain columns [coupon]: schema_evolution is strict, the"
                    + " table must stay as it is"));
  }

  @Test
  void strictRefusesWidening() {
    // given
    CatalogTable table = stored(Contracts.orders(1, "strict", NO_EXTRA));
    DatasetContract widened = Contracts.orders(2, "strict", "long", "decimal(10,2)", NO_EXTRA);

    // when
    TableChange change = decide(table, widened);

    // then
    assertThat(change)
        .isEqualTo(
            new TableChange.Refused(
                "column quantity of table orders cannot change type from int to bigint:"
                    + " schema_evolution is strict, the table must stay as it is"));
  }

  @Test
  void strictAcceptsVersionBumpWithSameColumns() {
    // given
    CatalogTable table = stored(Contracts.orders(1, "strict", NO_EXTRA));
    DatasetContract v2 = Contracts.orders(2, "strict", NO_EXTRA);

    // when
    TableChange change = decide(table, v2);

    // then
    TableChange.Update update = (TableChange.Update) change;
    assertThat(update.table().contractVersion()).isEqualTo(2);
    assertThat(update.summary()).isEqualTo("contract v1 -> v2");
  }

  @Test
  void olderContractNeverChangesTheTableAndMayStillWrite() {
    // given: the table already serves v2, which added coupon and widened quantity
    CatalogTable table =
        stored(
            Contracts.orders(
                2, "additive", "long", "decimal(10,2)", "  - {name: coupon, type: string}"));

    // when: a writer still on v1 registers
    TableChange change = decide(table, Contracts.orders(1, "additive", NO_EXTRA));

    // then
    assertThat(change).isEqualTo(new TableChange.Unchanged());
  }

  @Test
  void olderContractWritingColumnTheTableLacksIsRefused() {
    // given
    CatalogTable table = stored(Contracts.orders(2, "additive", NO_EXTRA));
    DatasetContract v1 = Contracts.orders(1, "additive", "  - {name: legacy, type: string}");

    // when
    TableChange change = decide(table, v1);

    // then
    assertThat(change)
        .isEqualTo(
            new TableChange.Refused(
                "contract orders v1 writes column legacy, which table orders (contract v2) does"
                    + " not have"));
  }

  @Test
  void keepsParametersOthersAddedAndDropsProjectionWhenContractNoLongerProjects() {
    // given
    CatalogTable original = stored(Contracts.orders(1, "additive", NO_EXTRA));
    Map<String, String> parameters = new HashMap<>(original.parameters());
    parameters.put("projection.enabled", "true");
    parameters.put("projection.order_date.type", "date");
    parameters.put("owner.team", "payments");
    CatalogTable table =
        new CatalogTable(
            original.name(),
            original.description(),
            original.columns(),
            original.partitionKeys(),
            original.location(),
            parameters,
            "7");

    // when
    TableChange change = decide(table, Contracts.orders(1, "additive", NO_EXTRA));

    // then
    TableChange.Update update = (TableChange.Update) change;
    assertThat(update.table().parameters())
        .contains(entry("owner.team", "payments"))
        .doesNotContainKeys("projection.enabled", "projection.order_date.type");
    assertThat(update.summary()).isEqualTo("descriptions and parameters");
  }

  @Test
  void widensOnlyIntToBigintAndDecimalPrecisionUp() {
    assertThat(TableEvolution.widens("int", "bigint")).isTrue();
    assertThat(TableEvolution.widens("decimal(10,2)", "decimal(12,2)")).isTrue();
    assertThat(TableEvolution.widens("bigint", "int")).isFalse();
    assertThat(TableEvolution.widens("decimal(12,2)", "decimal(10,2)")).isFalse();
    assertThat(TableEvolution.widens("decimal(10,2)", "decimal(12,3)")).isFalse();
    assertThat(TableEvolution.widens("int", "double")).isFalse();
    assertThat(TableEvolution.widens("string", "bigint")).isFalse();
  }
}
