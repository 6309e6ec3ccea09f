package io.strata.core.ingest.split;

import java.util.Objects;
import java.util.Optional;

/**
 * The planner's answer for one object: a plan of byte ranges, or why the object must be read by a
 * single worker from its first byte to its last.
 */
public record SplitDecision(SplitPlan plan, String wholeReason) {

  public SplitDecision {
    if ((plan == null) == (wholeReason == null)) {
      throw new IllegalArgumentException("A split decision is either a plan or a reason");
    }
  }

  public static SplitDecision split(SplitPlan plan) {
    return new SplitDecision(Objects.requireNonNull(plan, "plan"), null);
  }

  public static SplitDecision whole(String reason) {
    return new SplitDecision(null, Objects.requireNonNull(reason, "reason"));
  }

  public Optional<SplitPlan> asPlan() {
    return Optional.ofNullable(plan);
  }
}
