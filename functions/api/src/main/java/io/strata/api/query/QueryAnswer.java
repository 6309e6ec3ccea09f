package io.strata.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.core.export.ExportManifest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer about one query: its state, and once it succeeded a page of rows (one JSON object per
 * row, keyed by column) with the token of the next page; for an export, its manifest.
 *
 * @param nextToken pass to {@code GET /queries/{queryId}?nextToken=} for the next page; absent on
 *     the last page
 * @param materialization for a report declared {@code materialize: on_commit}, whether the rows
 *     come from the role's materialized table or from a live run, and why; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueryAnswer(
    String queryId,
    String state,
    String kind,
    String dataset,
    String report,
    String view,
    String asOf,
    List<ResultColumnView> columns,
    List<Map<String, Object>> rows,
    String nextToken,
    Long bytesScanned,
    Instant submittedAt,
    Instant completedAt,
    ExportManifest export,
    Materialization materialization) {

  /** An answer without a materialization: a query, an export, a report that is always live. */
  public QueryAnswer(
      String queryId,
      String state,
      String kind,
      String dataset,
      String report,
      String view,
      String asOf,
      List<ResultColumnView> columns,
      List<Map<String, Object>> rows,
      String nextToken,
      Long bytesScanned,
      Instant submittedAt,
      Instant completedAt,
      ExportManifest export) {
    this(
        queryId,
        state,
        kind,
        dataset,
        report,
        view,
        asOf,
        columns,
        rows,
        nextToken,
        bytesScanned,
        submittedAt,
        completedAt,
        export,
        null);
  }

  /** This answer, saying where a materialized report's rows came from. */
  public QueryAnswer with(Materialization materialization) {
    return new QueryAnswer(
        queryId,
        state,
        kind,
        dataset,
        report,
        view,
        asOf,
        columns,
        rows,
        nextToken,
        bytesScanned,
        submittedAt,
        completedAt,
        export,
        materialization);
  }
}
