package io.strata.core.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * SQL text with one {@code ?} per parameter, and the parameters in the order their placeholders
 * appear. Identifiers in the text come only from contracts and configuration; every user value is a
 * parameter, typed as the column it is compared with.
 *
 * @param parameters String, Boolean, Integer, Long, Double, BigDecimal, LocalDate or Instant values
 */
public record SqlStatement(String sql, List<Object> parameters) {

  /** The Java types a parameter may have; engines bind each as the matching SQL type. */
  public static final Set<Class<?>> PARAMETER_TYPES =
      Set.of(
          String.class,
          Boolean.class,
          Integer.class,
          Long.class,
          Double.class,
          BigDecimal.class,
          LocalDate.class,
          Instant.class);

  public SqlStatement {
    Objects.requireNonNull(sql, "sql");
    parameters = List.copyOf(parameters);
    for (Object parameter : parameters) {
      if (!PARAMETER_TYPES.contains(parameter.getClass())) {
        throw new IllegalArgumentException(
            "Cannot bind parameter of type " + parameter.getClass().getSimpleName());
      }
    }
  }
}
