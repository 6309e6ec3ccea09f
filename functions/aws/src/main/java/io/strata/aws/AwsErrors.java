package io.strata.aws;

import java.io.UncheckedIOException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Turns an AWS SDK failure into the short reason that ends a "Cannot <action> <subject>: <reason>"
 * message, the same way for every adapter (S3, Glue, Secrets Manager).
 */
public final class AwsErrors {

  private AwsErrors() {}

  /**
   * "ErrorCode: message (HTTP status)" for a service's answer, the client's own message otherwise
   * (an SDK client error, or an {@link UncheckedIOException} that the url-connection HTTP client
   * lets escape).
   */
  public static String reason(RuntimeException e) {
    if (e instanceof AwsServiceException service) {
      AwsErrorDetails details = service.awsErrorDetails();
      String code = details == null ? null : details.errorCode();
      String message = details == null ? null : details.errorMessage();
      StringBuilder reason = new StringBuilder();
      if (code != null && !code.isBlank()) {
        reason.append(code);
      }
      if (message != null && !message.isBlank()) {
        reason.append(reason.isEmpty() ? "" : ": ").append(message);
      }
      if (reason.isEmpty()) {
        reason.append("request failed");
      }
      return reason.append(" (HTTP ").append(service.statusCode()).append(')').toString();
    }
    return e.getMessage();
  }
}
