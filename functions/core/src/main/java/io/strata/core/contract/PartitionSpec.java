package io.strata.core.contract;

import java.util.Objects;

/**
 * One partition level of the history layout: the Hive partition {@code name}, the {@code source}
 * column it derives from, and the transform applied ({@code day} of a timestamp in UTC, …).
 */
public record PartitionSpec(String name, String source, Transform transform) {

  public PartitionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(transform, "transform");
  }

  /** How a partition value derives from its source column. */
  public enum Transform {
    /** The value itself (dates as yyyy-MM-dd). */
    IDENTITY,
    /** yyyy-MM-dd of a date, or of a timestamp in UTC. */
    DAY,
    /** yyyy-MM. */
    MONTH,
    /** yyyy. */
    YEAR
  }
}
