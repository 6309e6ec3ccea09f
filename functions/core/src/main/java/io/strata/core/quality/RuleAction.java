package io.strata.core.quality;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a quality rule does to a batch that breaks it. */
public enum RuleAction {
  /** The batch commits; the verdict is recorded with it and logged. */
  @JsonProperty("warn")
  WARN,
  /** The whole batch goes to quarantine with a report naming the rule. */
  @JsonProperty("quarantine")
  QUARANTINE
}
