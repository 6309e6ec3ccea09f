package io.strata.core.catalog;

import java.util.Objects;

/** What a contract asks of its stored table: nothing, an update, or a change its policy refuses. */
public sealed interface TableChange {

  /** The stored table already serves the contract. */
  record Unchanged() implements TableChange {}

  /**
   * The table to store instead, carrying the version of the table it was derived from.
   *
   * @param summary what changes, for logs: {@code added columns [x]; widened columns [y]}
   */
  record Update(CatalogTable table, String summary) implements TableChange {
    public Update {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(summary, "summary");
    }
  }

  /** The change is not allowed; {@code reason} says which column and why. */
  record Refused(String reason) implements TableChange {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
