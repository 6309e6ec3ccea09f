package io.strata.core.ingest;

import io.strata.core.store.ObjectStore;
import io.strata.core.store.ObjectStoreException;
import io.strata.core.store.ObjectWriter;
import io.strata.core.validate.Violation;
import java.io.IOException;
import java.util.List;

/**
 * The rejected rows of an accepted batch, one JSON line per violation ({@code line}, {@code
 * column}, {@code rule}, {@code value}, {@code message}; values PII-protected). Opened only when
 * the first row is rejected; streamed, so its size never matters.
 */
final class RejectsFile implements AutoCloseable {

  private final ObjectStore store;
  private final String bucket;
  private final String key;
  private ObjectWriter writer;
  private boolean committed;

  RejectsFile(ObjectStore store, String bucket, String key) {
    this.store = store;
    this.bucket = bucket;
    this.key = key;
  }

  void write(List<Violation> violations) {
    if (writer == null) {
      writer = store.create(bucket, key, "application/x-ndjson");
    }
    try {
      for (Violation v : violations) {
        writer.write(LakeJson.line(ViolationBounds.bounded(v)));
      }
    } catch (IOException e) {
      throw new ObjectStoreException(
          ObjectStoreException.message("write", bucket, key, e.getMessage()), e);
    }
  }

  /** Completes the file; returns its key, or null when nothing was rejected. */
  String commit() {
    if (writer == null) {
      return null;
    }
    try {
      writer.close();
    } catch (IOException e) {
      throw new ObjectStoreException(
          ObjectStoreException.message("write", bucket, key, e.getMessage()), e);
    }
    committed = true;
    return key;
  }

  /** Discards the file, if one was started and not committed. */
  @Override
  public void close() {
    if (writer != null && !committed) {
      writer.abort();
    }
  }
}
