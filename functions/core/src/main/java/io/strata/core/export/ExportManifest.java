package io.strata.core.export;

import java.time.Instant;
import java.util.List;

/**
 * {@code exports/<dataset>/<exportId>/manifest.json} in the analytics bucket: what a training run
 * needs to know to trust and reproduce an export.
 *
 * @param asOf the dataset exactly as it was known at this instant
 * @param rowCount rows unloaded, or null when the engine did not report it
 * @param location the folder holding the Parquet files
 * @param files the Parquet files, as s3:// URIs
 */
public record ExportManifest(
    String exportId,
    String dataset,
    String view,
    Instant asOf,
    int contractVersion,
    String queryId,
    Long rowCount,
    String location,
    List<String> files,
    List<String> columns,
    String role,
    String principal,
    Instant createdAt) {}
