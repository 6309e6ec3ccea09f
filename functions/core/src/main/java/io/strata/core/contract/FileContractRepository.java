package io.strata.core.contract;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository of {@code <dataset>.yaml} files that follows their changes through a {@link
 * ContractCache}. Names that are not lower snake case, or reserved ({@link DatasetNames}), are
 * never looked up, so a name can never reach outside the repository's folder.
 */
abstract class FileContractRepository implements ContractRepository {

  private final Duration checkInterval;
  final ContractCache cache;

  FileContractRepository(ContractCache.Files files, Duration checkInterval) {
    this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval");
    this.cache = new ContractCache(files, checkInterval, System::nanoTime);
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
}
