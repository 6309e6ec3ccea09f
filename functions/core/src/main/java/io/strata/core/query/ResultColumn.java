package io.strata.core.query;

import java.util.Objects;

/**
 * One column of a result: its name and its SQL type as the engine reports it, in lower case ({@code
 * varchar}, {@code bigint}, {@code decimal(18,2)}, {@code date}, {@code timestamp}, …).
 */
public record ResultColumn(String name, String type) {

  public ResultColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
