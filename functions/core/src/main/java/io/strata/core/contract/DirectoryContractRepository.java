package io.strata.core.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Contracts kept as {@code <dir>/<dataset>.yaml} files, the local default. A dataset name that is
 * not lower snake case, or reserved ({@link DatasetNames}), is simply not found, so a name can
 * never reach outside the directory. A contract is read again when its file's {@link FileRevision}
 * changed, looked at no more often than once per check interval; a contract added later is found
 * after at most one interval.
 */
public final class DirectoryContractRepository extends FileContractRepository {

  private final Path dir;

  public DirectoryContractRepository(Path dir) {
    this(dir, DEFAULT_CHECK_INTERVAL);
  }

  public DirectoryContractRepository(Path dir, Duration checkInterval) {
    super(new ContractFiles(Objects.requireNonNull(dir, "dir")), checkInterval);
    this.dir = dir;
  }

  @Override
  public List<String> names() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - ".yaml".length()))
          .filter(DatasetNames::isDatasetName)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list contracts in " + dir, e);
    }
  }

  /** The files of the directory. */
  private record ContractFiles(Path dir) implements ContractCache.Files {

    @Override
    public Optional<String> revision(String dataset) {
      return FileRevision.of(dir.resolve(dataset + ".yaml"));
    }

    @Override
    public DatasetContract load(String dataset, String revision) {
      return ContractLoader.load(dir.resolve(dataset + ".yaml"));
    }
  }
}
