package io.strata.core.ingest;

import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.store.ObjectWriter;
import java.util.Optional;

/**
 * What a duplicate delivery sees when it started before the first one committed: no manifest yet,
 * then a transient storage failure when it creates a file under the given prefix.
 */
final class LateDuplicateStore extends ForwardingObjectStore {

  private final String failingPrefix;

  LateDuplicateStore(ObjectStore delegate, String failingPrefix) {
    super(delegate);
    this.failingPrefix = failingPrefix;
  }

  @Override
  public Optional<ObjectInfo> head(String bucket, String key) {
    return key.startsWith("_batches/") ? Optional.empty() : super.head(bucket, key);
  }

  @Override
  public ObjectWriter create(String bucket, String key, String contentType) {
    if (key.startsWith(failingPrefix)) {
      throw new ObjectStoreException(
          ObjectStoreException.message("write", bucket, key, "SlowDown (HTTP 503)"));
    }
    return super.create(bucket, key, contentType);
  }
}
