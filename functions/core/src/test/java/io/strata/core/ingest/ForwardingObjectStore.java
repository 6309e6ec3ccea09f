package io.strata.core.ingest;

import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectWriter;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Passes every call on; tests override the calls they want to break. */
public abstract class ForwardingObjectStore implements ObjectStore {

  final ObjectStore delegate;

  protected ForwardingObjectStore(ObjectStore delegate) {
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
