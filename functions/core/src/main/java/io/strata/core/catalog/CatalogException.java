package io.strata.core.catalog;

/** A catalog operation failed; the message reads "Cannot <action> <subject>: <reason>". */
public class CatalogException extends RuntimeException {

  public CatalogException(String message) {
    super(message);
  }

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
