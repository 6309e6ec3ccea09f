package io.strata.api.quarantine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A quarantined batch in the list of a dataset's quarantine, newest first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuarantineSummary(
    String batchId, String reason, Long rowsRejected, Instant quarantinedAt) {}
