package io.strata.infra;

/** A configuration value or an input file that keeps the app from synthesizing; says which. */
public class StrataConfigException extends RuntimeException {

  public StrataConfigException(String message) {
    super(message);
  }

  public StrataConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
