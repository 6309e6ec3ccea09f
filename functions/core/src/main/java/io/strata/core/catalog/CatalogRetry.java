package io.strata.core.catalog;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a catalog write is tried again, after losing a race for a table or
 * after the catalog refused some partitions: exponential backoff with full jitter, so writers that
 * failed together do not try again together.
 *
 * @param attempts the most tries in all, at least 1
 */
public record CatalogRetry(int attempts, Duration baseDelay, Duration maxDelay) {

  /** Ten tries, from up to 50 ms apart up to 2 s apart. */
  public static final CatalogRetry DEFAULT =
      new CatalogRetry(10, Duration.ofMillis(50), Duration.ofSeconds(2));

  public CatalogRetry {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
    }
  }

  /**
   * Waits before try {@code attempt + 1} (attempt counts from 1): a random time up to the base
   * delay doubled per try, capped at the maximum.
   *
   * @param action what is retried, for the message when the wait is interrupted
   */
  public void pause(int attempt, String action) {
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    if (cap <= 0) {
      return;
    }
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CatalogException("Cannot retry " + action + ": interrupted", e);
    }
  }
}
