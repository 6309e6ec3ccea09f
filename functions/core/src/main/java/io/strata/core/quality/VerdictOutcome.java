package io.strata.core.quality;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a batch fared against one quality rule. */
public enum VerdictOutcome {
  /** Within the expected band, or too little history to judge. */
  @JsonProperty("pass")
  PASS,
  /** Outside the band, and the rule only warns. */
  @JsonProperty("warn")
  WARN,
  /** Outside the band, and the rule quarantines the batch. */
  @JsonProperty("quarantine")
  QUARANTINE
}
