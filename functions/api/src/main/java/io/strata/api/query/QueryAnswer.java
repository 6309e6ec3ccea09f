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
    ExportManifest export) {}
