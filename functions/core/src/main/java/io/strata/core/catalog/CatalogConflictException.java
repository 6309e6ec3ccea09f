package io.strata.core.catalog;

/**
 * The catalog refused a write because another writer got there first: the table exists already, or
 * it changed since its version was read. Re-read and try again.
 */
public class CatalogConflictException extends CatalogException {

  public CatalogConflictException(String message) {
    super(message);
  }

  public CatalogConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
