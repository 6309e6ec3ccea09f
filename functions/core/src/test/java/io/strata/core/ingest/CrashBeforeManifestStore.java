package io.strata.core.ingest;

import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;

/** Fails the manifest write, as a function killed before its commit. */
final class CrashBeforeManifestStore extends ForwardingObjectStore {

  CrashBeforeManifestStore(ObjectStore delegate) {
    super(delegate);
  }

  @Override
  public boolean putIfAbsent(String bucket, String key, byte[] content, String contentType) {
    if (key.startsWith("_batches/")) {
      throw new ObjectStoreException(
          ObjectStoreException.message("write", bucket, key, "simulated crash"));
    }
    return super.putIfAbsent(bucket, key, content, contentType);
  }
}
