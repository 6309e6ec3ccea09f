package io.strata.core.ingest;

import io.strata.core.store.ObjectStore;
import io.strata.core.testing.CutInputStream;
import java.io.InputStream;

/**
 * Ends raw reads early and silently, the way an HTTP client reports a connection that closed before
 * the object's length: below the store's own length check ({@link Where#IN_THE_STORE}) or above it
 * ({@link Where#AFTER_THE_STORE}, as a proxy or a faulty store would).
 */
final class CuttingStore extends ForwardingObjectStore {

  /** Where the stream is cut. */
  enum Where {
    IN_THE_STORE,
    AFTER_THE_STORE
  }

  private final long after;
  private final Where where;

  CuttingStore(ObjectStore delegate, long after, Where where) {
    super(delegate);
    this.after = after;
    this.where = where;
  }

  @Override
  public InputStream open(String bucket, String key) {
    InputStream in = super.open(bucket, key);
    return where == Where.IN_THE_STORE && bucket.equals("strata-raw") ? cut(in) : in;
  }

  @Override
  public InputStream open(String bucket, String key, String versionId, String eTag) {
    if (where == Where.IN_THE_STORE) {
      // The port's own version check over the cut stream above.
      return super.open(bucket, key, versionId, eTag);
    }
    return cut(delegate.open(bucket, key, versionId, eTag));
  }

  private InputStream cut(InputStream in) {
    return new CutInputStream(in, after, CutInputStream.Cut.SILENT_END);
  }
}
