package io.strata.core.metrics;

/** The CloudWatch units Strata's metrics use, spelled as CloudWatch expects them. */
public enum MetricUnit {
  COUNT("Count"),
  MILLISECONDS("Milliseconds"),
  BYTES("Bytes"),
  NONE("None");

  private final String cloudWatchName;

  MetricUnit(String cloudWatchName) {
    this.cloudWatchName = cloudWatchName;
  }

  /** The unit's name in an embedded-metric-format directive. */
  public String cloudWatchName() {
    return cloudWatchName;
  }
}
