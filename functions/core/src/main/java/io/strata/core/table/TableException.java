package io.strata.core.table;

/**
 * A history table could not be read or changed; the message reads "Cannot <action> <table>:
 * <reason>". Nothing was committed: the invocation fails and a retry completes the batch.
 */
public class TableException extends RuntimeException {

  public TableException(String message) {
    super(message);
  }

  public TableException(String message, Throwable cause) {
    super(message, cause);
  }
}
