package io.strata.core.ingest;

import java.time.Duration;

/**
 * The result of ingesting one raw object, as logged and returned by the functions.
 *
 * @param dataset null when the key names no dataset
 * @param batchId null for {@link IngestOutcome#IGNORED}
 * @param reason for quarantined files the one-line human summary, for ignored keys why; otherwise
 *     null
 */
public record IngestResult(
    String sourceUri,
    String dataset,
    String batchId,
    IngestOutcome outcome,
    long rowsAccepted,
    long rowsRejected,
    int filesWritten,
    String reason,
    Duration duration) {}
