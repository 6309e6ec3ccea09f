package io.strata.aws.athena;

import io.strata.aws.AwsErrors;
import io.strata.core.query.QueryEngineException;
import io.strata.core.query.QueryEngineException.Reason;
import java.io.UncheckedIOException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.athena.model.InternalServerException;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

/**
 * Translates Athena SDK failures, after the SDK's own retries, into {@link QueryEngineException}s
 * whose reason says how the API answers.
 */
final class AthenaErrors {

  private AthenaErrors() {}

  /** "Cannot {@code action}: ErrorCode: message (HTTP status)" with the reason of the failure. */
  static QueryEngineException failure(String action, RuntimeException e) {
    return new QueryEngineException(reason(e), "Cannot " + action + ": " + AwsErrors.reason(e), e);
  }

  /**
   * Athena answers an unknown query id, results of an unfinished query, a page token it never
   * issued and a client request token reused for another statement all with an
   * InvalidRequestException; only its message tells them apart.
   */
  static Reason reason(RuntimeException e) {
    if (e instanceof InvalidRequestException invalid) {
      String message = message(invalid);
      if (message.contains("idempoten")) {
        return Reason.TOKEN_REUSED;
      }
      if (message.contains("token")) {
        return Reason.INVALID_TOKEN;
      }
      if (message.contains("not found")) {
        return Reason.NOT_FOUND;
      }
      if (message.contains("not yet finished") || message.contains("did not finish")) {
        return Reason.CONFLICT;
      }
      return Reason.FAILED;
    }
    if (e instanceof TooManyRequestsException
        || (e instanceof AwsServiceException service && service.isThrottlingException())) {
      return Reason.THROTTLED;
    }
    if (e instanceof InternalServerException
        || (e instanceof AwsServiceException service && service.statusCode() >= 500)
        || e instanceof SdkClientException
        || e instanceof UncheckedIOException) {
      return Reason.UNAVAILABLE;
    }
    return Reason.FAILED;
  }

  private static String message(AwsServiceException e) {
    String message =
        e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    return message == null ? "" : message.toLowerCase(Locale.ROOT);
  }
}
