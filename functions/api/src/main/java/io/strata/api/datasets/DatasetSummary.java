package io.strata.api.datasets;

import java.util.List;

/**
 * A dataset in {@code GET /datasets}.
 *
 * @param lastIngest the newest committed batch, or null when nothing was ingested yet
 */
public record DatasetSummary(
    String name,
    String description,
    int contractVersion,
    List<String> businessKey,
    List<String> partitionKeys,
    BatchSummary lastIngest) {}
