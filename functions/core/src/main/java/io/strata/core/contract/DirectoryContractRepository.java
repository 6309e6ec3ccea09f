package io.strata.core.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Contracts kept as {@code <dir>/<dataset>.yaml} files, the local default. A dataset name that is
 * not lower snake case, or reserved ({@link DatasetNames}), is simply not found, so a name can
 * never reach outside the directory. Loaded contracts are cached for the life of the repository;
 * unknown datasets are looked up again on every call, so a contract added later is found.
 */
public final class DirectoryContractRepository implements ContractRepository {

  private final Path dir;
  private final Map<String, DatasetContract> cache = new ConcurrentHashMap<>();

  public DirectoryContractRepository(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  @Override
  public Optional<DatasetContract> find(String dataset) {
    if (!DatasetNames.isDatasetName(dataset)) {
      return Optional.empty();
    }
    DatasetContract cached = cache.get(dataset);
    if (cached != null) {
      return Optional.of(cached);
    }
    Path file = dir.resolve(dataset + ".yaml");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    DatasetContract contract = ContractLoader.load(file);
    cache.putIfAbsent(dataset, contract);
    return Optional.of(contract);
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
}
