package io.strata.core.maintenance;

import java.time.Instant;

/**
 * What one expiry of a table's old snapshots did.
 *
 * @param cutoff the start of the retention, or null when the history is kept forever
 * @param expired the snapshots removed from the table's metadata
 * @param kept the snapshots left, time travel's reach
 */
public record ExpiryResult(String table, Instant cutoff, int expired, int kept) {}
