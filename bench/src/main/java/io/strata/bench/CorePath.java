package io.strata.bench;

import io.strata.core.store.FileSystemObjectStore;
import io.strata.core.table.JdbcCatalogs;
import io.strata.core.table.ObjectStoreFileIO;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Strata's core path on local files: the object store is a directory, the Iceberg catalog an
 * in-memory H2 database; everything else is the path the Lambda runs.
 */
final class CorePath {

  private CorePath() {}

  /**
   * @param root holds the raw bucket with the benchmark file; the history bucket is emptied first
   */
  static Measurement run(Path root, Path datasets, StrataMode mode) throws Exception {
    Trees.delete(root.resolve(StrataIngest.HISTORY));
    FileSystemObjectStore store = new FileSystemObjectStore(root);
    try (JdbcCatalog catalog =
        JdbcCatalogs.h2Memory(
            "bench-" + UUID.randomUUID(), StrataIngest.DATABASE, new ObjectStoreFileIO(store))) {
      return StrataIngest.run(store, catalog, datasets, mode.encoderThreads);
    }
  }
}
