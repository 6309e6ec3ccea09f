package io.strata.api.error;

/**
 * The one JSON shape of every error answer: {@code {"error": {"code", "message", "status"}}}. Codes
 * are stable and documented; messages say what was wrong and never carry a stack trace.
 */
public record ErrorBody(Error error) {

  /** The error itself. */
  public record Error(String code, String message, int status) {}

  public static ErrorBody of(int status, String code, String message) {
    return new ErrorBody(new Error(code, message, status));
  }
}
