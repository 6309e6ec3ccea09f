package io.strata.local;

import java.nio.file.Path;

/**
 * Where a local lake keeps its own state (PII hash key, lock, catalog): {@code <data-dir>/.strata},
 * beside the bucket folders. A name starting with a dot is no valid bucket name, and the local S3
 * server neither lists nor serves it, so the state stays out of the bucket namespace while deleting
 * the data directory still resets the whole lake.
 *
 * @param dataDir the lake's data directory, holding one folder per bucket
 */
public record LakeState(Path dataDir) {

  /** The state folder's name inside the data directory. */
  public static final String FOLDER = ".strata";

  public static LakeState of(Path dataDir) {
    return new LakeState(dataDir.toAbsolutePath().normalize());
  }

  public Path dir() {
    return dataDir.resolve(FOLDER);
  }

  public Path piiKeyFile() {
    return dir().resolve("pii-hash-key");
  }

  /** Held by the one process that runs this lake. */
  public Path lockFile() {
    return dir().resolve("lake.lock");
  }
}
