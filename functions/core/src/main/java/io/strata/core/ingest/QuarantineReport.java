package io.strata.core.ingest;

import io.strata.core.validate.Violation;
import java.time.Instant;
import java.util.List;

/**
 * {@code report.json} beside a quarantined copy: what was wrong, in a form a person can act on.
 *
 * @param reason a stable code: {@code unknown_dataset}, {@code error_policy}, or the file-level
 *     reason of the parser ({@code missing_column}, {@code invalid_encoding}, …)
 * @param summary one line for a person
 * @param errors the first violations (at most the configured number), PII already protected
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
    Instant quarantinedAt) {}
