package io.strata.core.contract;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where contracts come from: a directory locally, an S3 prefix in AWS. Implementations follow
 * changes: a contract is read again when its file changes, so a raised {@code version} takes effect
 * without a restart; one broken contract fails only lookups of its own dataset.
 */
public interface ContractRepository {

  /** How often a repository looks whether a contract file changed, unless configured otherwise. */
  Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(10);

  /**
   * The contract of a dataset, or empty if none is declared.
   *
   * @throws ContractException if a contract exists but cannot be loaded
   */
  Optional<DatasetContract> find(String dataset);

  /** The names of every dataset that has a contract here, sorted; reserved names are left out. */
  List<String> names();

  /**
   * A token that changes whenever the dataset's contract file changes (a file's time and size, an
   * object's ETag), or empty when no contract is declared. Cheap: the file is looked at no more
   * often than once per {@link #checkInterval()}. This default, for repositories that cannot tell,
   * derives it from the contract itself.
   */
  default Optional<String> revision(String dataset) {
    try {
      return find(dataset).map(c -> c.name() + " version " + c.version());
    } catch (ContractException e) {
      return Optional.of("invalid: " + e.getMessage());
    }
  }

  /**
   * How long a look at a contract file is trusted before the file is looked at again; whoever
   * caches what it derives from contracts (the query API's rules) checks as often.
   */
  default Duration checkInterval() {
    return Duration.ZERO;
  }
}
