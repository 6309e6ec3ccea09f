package io.strata.core.store;

/**
 * The object is no longer the version that was asked for: it was replaced after the event that
 * named it. Its new version has an event of its own.
 */
public class ObjectChangedException extends ObjectStoreException {

  public ObjectChangedException(String bucket, String key, String expected) {
    super(message("read", bucket, key, "it changed since the event (expected " + expected + ")"));
  }
}
