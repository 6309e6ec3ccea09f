package io.strata.reports;

/**
 * Some refreshes failed after every other one was done: the invocation fails, so that Lambda's
 * Errors metric, its alarm and, after the retries, the dead-letter queue see it. The API serves the
 * reports concerned live meanwhile.
 */
public class RefreshFailedException extends RuntimeException {

  public RefreshFailedException(String message) {
    super(message);
  }
}
