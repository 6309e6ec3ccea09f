package io.strata.core.table;

/**
 * The catalog could not hand out a table's metadata: throttled, unreachable, or its metadata file
 * unreadable for now. Unlike other table failures it is worth retrying as it is.
 */
public class CatalogUnavailableException extends TableException {

  public CatalogUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
