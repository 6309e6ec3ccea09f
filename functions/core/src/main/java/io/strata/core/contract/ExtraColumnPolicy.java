package io.strata.core.contract;

/** What happens to a file whose header has columns the contract does not declare. */
public enum ExtraColumnPolicy {
  /** Extra columns are ignored (noted in the report). */
  IGNORE,
  /** The whole file is rejected. */
  REJECT
}
