package io.strata.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.core.contract.YamlFields;

/**
 * When a report's result is kept as a table per role ({@code materialize:} in its header): never
 * (the default, every run is live) or refreshed after every commit to a dataset it reads. A report
 * with parameters cannot be materialized: its result depends on values only a caller gives.
 * Schedules ({@code materialize: {schedule: ...}}) are refused: a refresh follows commits, and a
 * report reads nothing that changes between them.
 */
public enum Materialize {
  /** Every run is a live query. */
  NEVER,
  /** Refreshed once per new history snapshot of the datasets the report reads. */
  ON_COMMIT;

  static final String KEY = "materialize";

  /** The header's value at {@code materialize}, or {@link #NEVER} when the key is absent. */
  static Materialize of(YamlFields header) {
    if (!header.has(KEY)) {
      return NEVER;
    }
    JsonNode value = header.get(KEY);
    if (value.isObject() && value.has("schedule")) {
      throw YamlFields.problem(
          header.at(KEY) + ".schedule",
          "scheduled refreshes are not supported; write materialize: on_commit (a report's result"
              + " changes only when a dataset it reads gets a commit)");
    }
    if (!value.isTextual()) {
      throw YamlFields.problem(header.at(KEY), "must be on_commit or never");
    }
    return switch (value.textValue()) {
      case "on_commit" -> ON_COMMIT;
      case "never" -> NEVER;
      default ->
          throw YamlFields.problem(
              header.at(KEY),
              "unknown value '" + value.textValue() + "' (expected on_commit or never)");
    };
  }
}
