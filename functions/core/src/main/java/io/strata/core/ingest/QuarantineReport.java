package io.strata.core.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.core.quality.BatchProfile;
import io.strata.core.quality.QualityVerdict;
import io.strata.core.validate.Violation;
import java.time.Instant;
import java.util.List;

/**
 * {@code report.json} beside a quarantined copy: what was wrong, in a form a person can act on.
 *
 * @param reason a stable code: {@code unknown_dataset}, {@code error_policy}, {@code quality}, or
 *     the file-level reason of the parser ({@code missing_column}, {@code invalid_encoding}, …)
 * @param summary one line for a person
 * @param errors the first violations (at most the configured number), PII already protected
 * @param verdicts for reason {@code quality}: every rule's verdict, the breaking ones included
 * @param profile for reason {@code quality}: the profile of the rows the batch would have committed
 */
public record QuarantineReport(
    String dataset,
    String batchId,
    String source,
    String sourceVersionId,
    String sourceETag,
    Integer contractVersion,
    String reason,
    String summary,
    long rowsRead,
    long rowsRejected,
    long violations,
    List<Violation> errors,
    String quarantinedCopy,
    Instant quarantinedAt,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<QualityVerdict> verdicts,
    @JsonInclude(JsonInclude.Include.NON_NULL) BatchProfile profile) {}
