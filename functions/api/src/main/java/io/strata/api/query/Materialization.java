package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * Where the rows of a materialized report's answer come from: {@code materialized} (the caller's
 * role's own table, current with the latest history snapshot of every dataset the report reads) or
 * {@code live} (the table is missing, stale, or could not be read, so the report ran as usual).
 *
 * @param materializedAt when the table's snapshot was committed; absent for a live run
 * @param fromSnapshots the history snapshot id of each dataset the rows reflect (absent: nothing
 *     committed); absent for a live run
 * @param reason for a live run: {@code missing}, {@code stale} or {@code unavailable}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Materialization(
    String source, Instant materializedAt, Map<String, Long> fromSnapshots, String reason) {

  /** Rows read from the materialized table. */
  public static Materialization materialized(Instant at, Map<String, Long> fromSnapshots) {
    return new Materialization("materialized", at, fromSnapshots, null);
  }

  /** Rows of a live run, for this reason. */
  public static Materialization live(String reason) {
    return new Materialization("live", null, null, reason);
  }
}
