package io.strata.core.contract;

/** A contract that cannot be loaded or is inconsistent; the message says where and why. */
public class ContractException extends RuntimeException {

  public ContractException(String message) {
    super(message);
  }

  public ContractException(String message, Throwable cause) {
    super(message, cause);
  }
}
