package io.strata.core.catalog;

/**
 * A contract asks for a table change that its schema-evolution policy does not allow; nothing was
 * registered.
 */
public class SchemaChangeRefusedException extends CatalogException {

  public SchemaChangeRefusedException(String message) {
    super(message);
  }
}
