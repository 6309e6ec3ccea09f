package io.strata.core.contract;

/**
 * How many rejected rows a file may have before the whole file is quarantined. A file is accepted
 * when {@code rejected <= maxRejectedRows} and {@code rejected <= maxRejectedFraction * rows}; use
 * {@link Long#MAX_VALUE} / {@code 1.0} to leave a bound open. {@link #STRICT} tolerates none.
 */
public record ErrorPolicy(long maxRejectedRows, double maxRejectedFraction) {

  public static final ErrorPolicy STRICT = new ErrorPolicy(0, 0.0);

  public ErrorPolicy {
    if (maxRejectedRows < 0) {
      throw new ContractException("max_rejected_rows must not be negative, got " + maxRejectedRows);
    }
    if (!(maxRejectedFraction >= 0.0 && maxRejectedFraction <= 1.0)) {
      throw new ContractException(
          "max_rejected_fraction must be between 0 and 1, got " + maxRejectedFraction);
    }
  }

  /** Whether a file with these counts is accepted. */
  public boolean accepts(long rows, long rejected) {
    return rejected <= maxRejectedRows && rejected <= Math.floor(maxRejectedFraction * rows);
  }
}
