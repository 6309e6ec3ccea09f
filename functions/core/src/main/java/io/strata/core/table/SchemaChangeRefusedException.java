package io.strata.core.table;

/**
 * A contract asks for a table change that its schema-evolution policy does not allow, or the stored
 * table cannot hold the contract's rows; nothing was changed.
 */
public class SchemaChangeRefusedException extends TableException {

  public SchemaChangeRefusedException(String message) {
    super(message);
  }
}
