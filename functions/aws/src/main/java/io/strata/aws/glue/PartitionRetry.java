package io.strata.aws.glue;

import io.strata.core.catalog.CatalogException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently partitions that Glue refused inside a successful BatchCreatePartition
 * answer are sent again: exponential backoff with full jitter, so writers that failed together do
 * not retry together. (Throttled or failed requests as a whole are the SDK's retry strategy's job.)
 *
 * @param attempts the most tries in all, at least 1
 */
public record PartitionRetry(int attempts, Duration baseDelay, Duration maxDelay) {

  public PartitionRetry {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
    }
  }

  /** Waits before try {@code attempt + 1} (attempt counts from 1). */
  void pause(int attempt) {
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    if (cap <= 0) {
      return;
    }
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CatalogException("Cannot retry partition registration: interrupted", e);
    }
  }
}
