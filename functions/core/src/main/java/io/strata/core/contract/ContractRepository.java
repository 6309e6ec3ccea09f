package io.strata.core.contract;

import java.util.List;
import java.util.Optional;

/** Where contracts come from: a directory locally, an S3 prefix in AWS. */
public interface ContractRepository {

  /**
   * The contract of a dataset, or empty if none is declared.
   *
   * @throws ContractException if a contract exists but cannot be loaded
   */
  Optional<DatasetContract> find(String dataset);

  /** The names of every dataset that has a contract here, sorted; reserved names are left out. */
  List<String> names();
}
