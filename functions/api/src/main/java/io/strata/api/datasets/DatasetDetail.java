package io.strata.api.datasets;

import io.strata.core.query.VisibleColumn;
import java.util.List;

/**
 * A dataset as the caller's role sees it, for {@code GET /datasets/{dataset}}: hidden columns are
 * absent and masked ones marked.
 *
 * @param partitions partition values the table's latest snapshot holds data in, newest last, at
 *     most 100; empty when they would show values the role may not see (a hidden or masked
 *     partition source, or a row filter)
 * @param partitionCount how many partitions hold data, or null when the partitions are withheld
 */
public record DatasetDetail(
    String name,
    String description,
    int contractVersion,
    List<String> businessKey,
    List<VisibleColumn> columns,
    List<String> partitionKeys,
    Integer partitionCount,
    List<String> partitions,
    List<BatchSummary> recentBatches) {}
