package io.strata.core.store;

/** A failed object-store operation; the message reads "Cannot <action> <s3 uri>: <reason>". */
public class ObjectStoreException extends RuntimeException {

  public ObjectStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public ObjectStoreException(String message) {
    super(message);
  }

  /** Builds the conventional message for an action on an object. */
  public static String message(String action, String bucket, String key, String reason) {
    return "Cannot " + action + " s3://" + bucket + "/" + key + ": " + reason;
  }
}
