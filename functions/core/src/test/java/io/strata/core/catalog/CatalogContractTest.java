package io.strata.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Catalog} must do, run against each implementation that can run in-process.
 * Subclasses give a fresh, empty catalog.
 */
public abstract class CatalogContractTest {

  protected Catalog catalog;

  protected abstract Catalog newCatalog();

  @BeforeEach
  void createCatalog() {
    catalog = newCatalog();
  }

  protected static CatalogTable orders(String comment) {
    return new CatalogTable(
        "orders",
        "Orders",
        List.of(
            new CatalogColumn("order_id", "string", comment),
            new CatalogColumn("amount", "decimal(10,2)", "")),
        List.of(new CatalogColumn("order_date", "date", "")),
        "s3://h/orders/",
        Map.of("classification", "parquet"),
        null);
  }

  private static CatalogPartition day(String day) {
    return new CatalogPartition(List.of(day), "s3://h/orders/order_date=" + day + "/");
  }

  @Test
  void storesACreatedTableWithAVersion() {
    // when
    catalog.createTable(orders("id"));

    // then
    CatalogTable stored = catalog.table("orders").orElseThrow();
    assertThat(stored.version()).isNotNull();
    assertThat(stored.withVersion(null)).isEqualTo(orders("id"));
  }

  @Test
  void answersEmptyForAMissingTable() {
    assertThat(catalog.table("orders")).isEmpty();
    assertThat(catalog.partitions("orders")).isEmpty();
  }

  @Test
  void refusesToCreateATableTwiceAsAConflict() {
    // given
    catalog.createTable(orders("id"));

    // when / then
    assertThatThrownBy(() -> catalog.createTable(orders("other")))
        .isInstanceOf(CatalogConflictException.class)
        .hasMessageContaining("Cannot create table ")
        .hasMessageEndingWith("orders: it exists already");
    assertThat(catalog.table("orders").orElseThrow().columns().get(0).comment()).isEqualTo("id");
  }

  @Test
  void updatesATableAtTheVersionItWasReadAndGivesItANewVersion() {
    // given
    catalog.createTable(orders("id"));
    CatalogTable read = catalog.table("orders").orElseThrow();

    // when
    catalog.updateTable(
        new CatalogTable(
            "orders",
            "Orders",
            orders("the id").columns(),
            read.partitionKeys(),
            read.location(),
            read.parameters(),
            read.version()));

    // then
    CatalogTable stored = catalog.table("orders").orElseThrow();
    assertThat(stored.columns().get(0).comment()).isEqualTo("the id");
    assertThat(stored.version()).isNotEqualTo(read.version());
  }

  @Test
  void refusesAnUpdateFromAStaleReadAsAConflict() {
    // given
    catalog.createTable(orders("id"));
    CatalogTable read = catalog.table("orders").orElseThrow();
    catalog.updateTable(orders("first").withVersion(read.version()));

    // when / then
    assertThatThrownBy(() -> catalog.updateTable(orders("second").withVersion(read.version())))
        .isInstanceOf(CatalogConflictException.class)
        .hasMessageStartingWith("Cannot update table ");
    assertThat(catalog.table("orders").orElseThrow().columns().get(0).comment()).isEqualTo("first");
  }

  @Test
  void refusesToUpdateAMissingTable() {
    assertThatThrownBy(() -> catalog.updateTable(orders("id").withVersion("1")))
        .isInstanceOf(CatalogException.class)
        .isNotInstanceOf(CatalogConflictException.class)
        .hasMessageStartingWith("Cannot update table ");
  }

  @Test
  void addsPartitionsOnceEvenWhenAddedAgain() {
    // given
    catalog.createTable(orders("id"));

    // when
    catalog.addPartitions(orders("id"), List.of(day("2024-01-01"), day("2024-01-02")));
    catalog.addPartitions(orders("id"), List.of(day("2024-01-02"), day("2024-01-03")));

    // then
    assertThat(catalog.partitions("orders"))
        .containsExactlyInAnyOrder(day("2024-01-01"), day("2024-01-02"), day("2024-01-03"));
  }

  @Test
  void refusesPartitionsOfAMissingTable() {
    assertThatThrownBy(() -> catalog.addPartitions(orders("id"), List.of(day("2024-01-01"))))
        .isInstanceOf(CatalogException.class)
        .hasMessageStartingWith("Cannot add partitions to table ");
  }
}
