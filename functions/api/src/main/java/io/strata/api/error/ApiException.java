package io.strata.api.error;

/**
 * A request the API answers with an error status, a stable code and a message meant for the caller;
 * rendered as {@link ErrorBody} by {@link ApiExceptionMapper}.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  public static ApiException forbidden(String code, String message) {
    return new ApiException(403, code, message);
  }

  public static ApiException notFound(String code, String message) {
    return new ApiException(404, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
