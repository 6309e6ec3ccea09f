package io.strata.core.ingest;

import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.store.ObjectWriter;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Delegates everything but fails the manifest write, as a function killed before its commit. */
final class CrashBeforeManifestStore implements ObjectStore {

  private final ObjectStore delegate;

  CrashBeforeManifestStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public InputStream open(String bucket, String key) {
    return delegate.open(bucket, key);
  }

  @Override
  public Optional<ObjectInfo> head(String bucket, String key) {
    return delegate.head(bucket, key);
  }

  @Override
  public void put(String bucket, String key, byte[] content, String contentType) {
    delegate.put(bucket, key, content, contentType);
  }

  @Override
  public boolean putIfAbsent(String bucket, String key, byte[] content, String contentType) {
    if (key.startsWith("_batches/")) {
      throw new ObjectStoreException(
          "Cannot write s3://" + bucket + "/" + key + ": simulated crash");
    }
    return delegate.putIfAbsent(bucket, key, content, contentType);
  }

  @Override
  public ObjectWriter create(String bucket, String key, String contentType) {
    return delegate.create(bucket, key, contentType);
  }

  @Override
  public void copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey) {
    delegate.copy(sourceBucket, sourceKey, targetBucket, targetKey);
  }

  @Override
  public void delete(String bucket, String key) {
    delegate.delete(bucket, key);
  }

  @Override
  public List<ObjectInfo> list(String bucket, String prefix) {
    return delegate.list(bucket, prefix);
  }
}
