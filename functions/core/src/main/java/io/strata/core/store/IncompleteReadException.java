package io.strata.core.store;

/**
 * A read did not deliver exactly the object version it opened: the stream broke off or ended short
 * of the object's size, ran past it, or the object changed while it was read. Not the data's fault:
 * nothing read from such a stream may be committed or quarantined, and a retry reads it again.
 */
public class IncompleteReadException extends ObjectStoreException {

  public IncompleteReadException(String bucket, String key, String reason) {
    super(message("read", bucket, key, reason));
  }

  public IncompleteReadException(String bucket, String key, String reason, Throwable cause) {
    super(message("read", bucket, key, reason), cause);
  }
}
