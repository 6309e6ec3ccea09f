package io.strata.local.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.catalog.Catalog;
import io.strata.core.catalog.CatalogContractTest;
import io.strata.core.catalog.CatalogException;
import io.strata.core.catalog.CatalogPartition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCatalogTest extends CatalogContractTest {

  @TempDir Path root;

  @Override
  protected Catalog newCatalog() {
    return new LocalCatalog(root, "strata");
  }

  @Test
  void keepsTablesAndPartitionsAcrossRestarts() {
    // given
    catalog.createTable(orders("id"));
    catalog.addPartitions(
        orders("id"),
        List.of(
            new CatalogPartition(List.of("2024-01-01"), "s3://h/orders/order_date=2024-01-01/")));

    // when
    LocalCatalog restarted = new LocalCatalog(root, "strata");

    // then
    assertThat(restarted.table("orders")).isEqualTo(catalog.table("orders"));
    assertThat(restarted.partitions("orders")).isEqualTo(catalog.partitions("orders"));
    assertThat(restarted.tables()).containsExactly("orders");
    assertThat(root.resolve("strata/orders.json")).isRegularFile();
  }

  @Test
  void namesTheFileWhenItCannotBeRead() throws Exception {
    // given
    Files.createDirectories(root.resolve("strata"));
    Files.writeString(root.resolve("strata/orders.json"), "{ not json");

    // when / then
    assertThatThrownBy(() -> catalog.table("orders"))
        .isInstanceOf(CatalogException.class)
        .hasMessageStartingWith(
            "Cannot read table strata.orders from " + root.resolve("strata/orders.json") + ": ");
  }

  @Test
  void refusesTableNamesThatCouldEscapeItsDirectory() {
    assertThatThrownBy(() -> catalog.table("../etc"))
        .isInstanceOf(CatalogException.class)
        .hasMessage("Cannot use table name '../etc': expected lower snake case");
  }
}
