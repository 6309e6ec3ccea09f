package io.strata.core.store;

/** The object (or its bucket) does not exist. */
public class ObjectNotFoundException extends ObjectStoreException {

  public ObjectNotFoundException(String bucket, String key) {
    super(message("read", bucket, key, "no such object"));
  }
}
