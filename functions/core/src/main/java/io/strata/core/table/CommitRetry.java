package io.strata.core.table;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a table commit is tried again after another writer committed first:
 * exponential backoff with full jitter, so writers that failed together do not try again together.
 *
 * @param attempts the most tries in all, at least 1
 */
public record CommitRetry(int attempts, Duration baseDelay, Duration maxDelay) {

  /**
   * 40 tries, from up to 20 ms apart up to 2 s apart: enough for dozens of writers committing to
   * one table at once.
   */
  public static final CommitRetry DEFAULT =
      new CommitRetry(40, Duration.ofMillis(20), Duration.ofSeconds(2));

  public CommitRetry {
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
      throw new TableException("Cannot retry " + action + ": interrupted", e);
    }
  }
}
