package io.strata.maintenance;

/**
 * A pass in which some tables could not be maintained: thrown after every other table was, so that
 * the invocation fails and Lambda's Errors metric, the alarm and the dead-letter queue see it.
 */
public final class MaintenanceFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MaintenanceFailedException(String message) {
    super(message);
  }
}
