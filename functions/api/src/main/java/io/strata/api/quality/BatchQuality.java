package io.strata.api.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One batch's profile and verdicts as a role sees them. Row counts and column statistics describe
 * every row of the batch, so a role that sees only some rows gets neither (null, and no columns).
 *
 * @param outcome {@code committed} (quarantined batches keep no profile in the table)
 * @param rows the accepted rows the profile counts
 * @param columns per visible column, in contract order; empty for a batch without a profile
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchQuality(
    String batchId,
    Instant committedAt,
    Long snapshotId,
    String outcome,
    Long rows,
    Long rowsRejected,
    Map<String, ColumnQuality> columns,
    List<VerdictView> verdicts) {}
