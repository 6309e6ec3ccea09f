package io.strata.core.report;

/** A report file that cannot be loaded; the message names the file and the field. */
public class ReportException extends RuntimeException {

  public ReportException(String message) {
    super(message);
  }

  public ReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
