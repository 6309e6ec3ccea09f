package io.strata.core.access;

/** An access policy that cannot be loaded or is inconsistent; the message names the field. */
public class AccessPolicyException extends RuntimeException {

  public AccessPolicyException(String message) {
    super(message);
  }

  public AccessPolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
