package io.strata.core.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Contracts kept as {@code <dir>/<dataset>.yaml} files, the local default. A dataset name that is
 * not lower snake case, or reserved ({@link DatasetNames}), is simply not found, so a name can
 * never reach outside the directory. A contract is read again when its file's modification time,
 * size or identity changed, looked at no more often than once per check interval; a contract added
 * later is found after at most one interval.
 */
public final class DirectoryContractRepository implements ContractRepository {

  private final Path dir;
  private final Duration checkInterval;
  private final ContractCache cache;

  public DirectoryContractRepository(Path dir) {
    this(dir, DEFAULT_CHECK_INTERVAL);
  }

  public DirectoryContractRepository(Path dir, Duration checkInterval) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval");
    this.cache = new ContractCache(new ContractFiles(), checkInterval, System::nanoTime);
  }

  @Override
  public Optional<DatasetContract> find(String dataset) {
    return DatasetNames.isDatasetName(dataset) ? cache.find(dataset) : Optional.empty();
  }

  @Override
  public Optional<String> revision(String dataset) {
    return DatasetNames.isDatasetName(dataset) ? cache.revision(dataset) : Optional.empty();
  }

  @Override
  public Duration checkInterval() {
    return checkInterval;
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

  /** The files of the directory; an editor's save replaces the file, which changes its key. */
  private final class ContractFiles implements ContractCache.Files {

    @Override
    public Optional<String> revision(String dataset) {
      Path file = dir.resolve(dataset + ".yaml");
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
          return Optional.empty();
        }
        return Optional.of(
            attributes.lastModifiedTime()
                + " "
                + attributes.size()
                + " bytes "
                + attributes.fileKey());
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot look at contract " + file, e);
      }
    }

    @Override
    public DatasetContract load(String dataset, String revision) {
      return ContractLoader.load(dir.resolve(dataset + ".yaml"));
    }
  }
}
