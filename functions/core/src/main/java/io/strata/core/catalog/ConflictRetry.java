package io.strata.core.catalog;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a writer retries after losing a race for a table: exponential backoff
 * with full jitter, so many writers that collide spread out instead of colliding again.
 *
 * @param attempts the most tries in all, at least 1
 */
public record ConflictRetry(int attempts, Duration baseDelay, Duration maxDelay) {

  /** Ten tries, from up to 50 ms apart up to 2 s apart. */
  public static final ConflictRetry DEFAULT =
      new ConflictRetry(10, Duration.ofMillis(50), Duration.ofSeconds(2));

  public ConflictRetry {
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
      Thread.yield();
      return;
    }
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CatalogException("Cannot retry catalog write: interrupted", e);
    }
  }
}
