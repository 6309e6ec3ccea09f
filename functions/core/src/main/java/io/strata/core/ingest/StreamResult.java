package io.strata.core.ingest;

import java.time.Duration;

/**
 * The result of one micro-batch, as logged and returned by the functions.
 *
 * @param dataset null when the stream names no dataset
 * @param recordsSkipped records a snapshot of the same shard holds already (a redelivery)
 */
public record StreamResult(
    String source,
    String dataset,
    String batchId,
    StreamOutcome outcome,
    long recordsAccepted,
    long recordsQuarantined,
    long recordsSkipped,
    int filesWritten,
    Duration duration) {}
