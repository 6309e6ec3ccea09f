package io.strata.core.parse;

/**
 * The file as a whole breaks its contract or cannot be read; it is quarantined. {@code reason} is a
 * stable code (for example {@code empty_file}, {@code missing_column}, {@code invalid_encoding}),
 * the message is for a person and names the line where one applies.
 */
public class FileRejectedException extends RuntimeException {

  private final String reason;

  public FileRejectedException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public FileRejectedException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
