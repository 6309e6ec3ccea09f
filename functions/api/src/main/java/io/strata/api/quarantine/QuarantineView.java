package io.strata.api.quarantine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A quarantine report as one role may read it: what was quarantined and why, and the broken rules
 * line by line. Values are those the report holds (PII protected at ingest) and only for columns
 * the role sees in clear; row details (source, counts, lines) only for a role that sees every row.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuarantineView(
    String dataset,
    String batchId,
    String source,
    Integer contractVersion,
    String reason,
    String summary,
    Long rowsRead,
    Long rowsRejected,
    Long violations,
    List<Line> errors,
    Instant quarantinedAt) {

  /**
   * One broken rule in one record.
   *
   * @param value the protected value; null when the role does not see the column in clear
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Line(long line, String column, String rule, String value, String message) {}
}
