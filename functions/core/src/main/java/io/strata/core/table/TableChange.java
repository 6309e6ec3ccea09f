package io.strata.core.table;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.types.Type;

/** What a contract asks of its stored table: nothing, an update, or a change its policy refuses. */
public sealed interface TableChange {

  /** The stored table already serves the contract. */
  record Unchanged() implements TableChange {}

  /**
   * The schema and property changes to make, in one transaction.
   *
   * @param added new optional columns, placed before the lineage columns
   * @param widened columns whose type becomes the given wider one
   * @param madeOptional columns the contract no longer requires
   * @param docs column descriptions that changed
   * @param properties table properties to set
   * @param summary what changes, for logs: {@code added columns [x]; widened columns [y]}
   */
  record Update(
      List<NewColumn> added,
      Map<String, Type.PrimitiveType> widened,
      List<String> madeOptional,
      Map<String, String> docs,
      Map<String, String> properties,
      String summary)
      implements TableChange {
    public Update {
      added = List.copyOf(added);
      widened = Map.copyOf(widened);
      madeOptional = List.copyOf(madeOptional);
      docs = Map.copyOf(docs);
      properties = Map.copyOf(properties);
      Objects.requireNonNull(summary, "summary");
    }
  }

  /** The change is not allowed; {@code reason} says which column and why. */
  record Refused(String reason) implements TableChange {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A column to add: optional, since rows written before it have no value. */
  record NewColumn(String name, Type type, String doc) {
    public NewColumn {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }
}
