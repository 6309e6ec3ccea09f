package io.strata.core.contract;

import java.util.Objects;

/**
 * One column of a dataset: its type, whether a value is required, its value rules and its PII
 * handling.
 */
public record ColumnSpec(
    String name,
    ColumnType type,
    boolean required,
    ColumnRules rules,
    Pii pii,
    String description) {

  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    rules = rules == null ? ColumnRules.NONE : rules;
    pii = pii == null ? Pii.NONE : pii;
    description = description == null ? "" : description;
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new ContractException(
          "Column name '" + name + "' must be lower snake case ([a-z][a-z0-9_]*)");
    }
  }
}
