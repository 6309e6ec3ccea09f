package io.strata.core.catalog;

class InMemoryCatalogTest extends CatalogContractTest {

  @Override
  protected Catalog newCatalog() {
    return new InMemoryCatalog();
  }
}
