package io.strata.local;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a local lake keeps its own state (Iceberg catalog, PII hash key, lock): {@code
 * strata.local.state-dir}, by default {@code <data-dir>/.strata}, beside the bucket folders. A name
 * starting with a dot is no valid bucket name, and the local S3 server neither lists nor serves it,
 * so the state stays out of the bucket namespace while deleting the data directory still resets the
 * whole lake. The one place that decides the folder: the catalog, the key and the lock all ask
 * here.
 *
 * @param dataDir the lake's data directory, holding one folder per bucket, absolute
 * @param dir the state directory, absolute
 */
public record LakeState(Path dataDir, Path dir) {

  /** The state folder's name inside the data directory, unless a state directory is configured. */
  public static final String FOLDER = ".strata";

  /** The state of the lake in this data directory, at its default place. */
  public static LakeState of(Path dataDir) {
    return of(dataDir, Optional.empty());
  }

  /**
   * @param stateDir {@code strata.local.state-dir}, when it is set
   */
  public static LakeState of(Path dataDir, Optional<String> stateDir) {
    Path data = dataDir.toAbsolutePath().normalize();
    Path state = stateDir.map(Path::of).orElse(data.resolve(FOLDER));
    return new LakeState(data, state.toAbsolutePath().normalize());
  }

  public Path piiKeyFile() {
    return dir().resolve("pii-hash-key");
  }

  /** The Iceberg catalog's H2 database, without H2's {@code .mv.db} suffix. */
  public Path catalogDatabase() {
    return dir().resolve("catalog");
  }

  /** Held by the one process that runs this lake. */
  public Path lockFile() {
    return dir().resolve("lake.lock");
  }
}
