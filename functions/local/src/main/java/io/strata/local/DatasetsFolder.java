package io.strata.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the folder of the contracts a local lake reads, so the lake behaves the same wherever it is
 * started: a configured folder, or the {@code datasets/} folder holding an {@code access.yaml} in
 * the working folder or the nearest folder above it (the repository's, from anywhere inside it).
 */
final class DatasetsFolder {

  static final String NAME = "datasets";
  static final String ACCESS_FILE = "access.yaml";

  private DatasetsFolder() {}

  /**
   * @param configured the folder given by {@code --datasets-dir} or {@code
   *     strata.local.datasets-dir}, relative to the working folder
   * @throws StartupProblem when the configured folder is none, or no folder is found
   */
  static Path resolve(Optional<String> configured, Path workingDir) throws StartupProblem {
    if (configured.isPresent()) {
      Path dir = workingDir.resolve(configured.get()).toAbsolutePath().normalize();
      if (!Files.isDirectory(dir)) {
        throw new StartupProblem(
            "the datasets folder " + dir + " (--datasets-dir) does not exist or is no folder");
      }
      return dir;
    }
    for (Path dir = workingDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(NAME);
      if (Files.isRegularFile(candidate.resolve(ACCESS_FILE))) {
        return candidate;
      }
    }
    throw new StartupProblem(
        "no "
            + NAME
            + "/ folder with an "
            + ACCESS_FILE
            + " in "
            + workingDir.toAbsolutePath().normalize()
            + " or any folder above it; start the lake inside the repository, or name the folder"
            + " of your contracts with --datasets-dir");
  }
}
