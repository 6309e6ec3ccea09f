package io.strata.core.quality;

import java.util.Objects;

/** How many rows of a batch held one allowed value of a column. */
public record ValueCount(String value, long count) {

  public ValueCount {
    Objects.requireNonNull(value, "value");
  }
}
