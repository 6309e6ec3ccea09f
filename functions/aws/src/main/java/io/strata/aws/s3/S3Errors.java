package io.strata.aws.s3;

import io.strata.aws.AwsErrors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads what an SDK exception means, so the store can translate it into its own exceptions. The
 * url-connection HTTP client lets some I/O failures escape as {@link java.io.UncheckedIOException};
 * the store treats those like SDK client errors.
 */
final class S3Errors {

  private S3Errors() {}

  /** True when S3 answered that the object or its bucket does not exist. */
  static boolean isNotFound(RuntimeException e) {
    return e instanceof NoSuchKeyException
        || e instanceof NoSuchBucketException
        || statusCode(e) == 404;
  }

  /** True when a conditional write lost because an object already exists (412). */
  static boolean isAlreadyExists(RuntimeException e) {
    return statusCode(e) == 412;
  }

  /**
   * True when S3 answered 409 ConditionalRequestConflict: another conditional write to the key is
   * in progress, and the request should be retried.
   */
  static boolean isConditionalConflict(RuntimeException e) {
    return statusCode(e) == 409
        && e instanceof AwsServiceException service
        && service.awsErrorDetails() != null
        && "ConditionalRequestConflict".equals(service.awsErrorDetails().errorCode());
  }

  /** True when a conditional read found the object changed ({@code If-Match} failed). */
  static boolean isPreconditionFailed(RuntimeException e) {
    return statusCode(e) == 412;
  }

  /**
   * A short human-readable reason: "ErrorCode: message (HTTP status)" for service errors, the
   * client's message otherwise.
   */
  static String reason(RuntimeException e) {
    return AwsErrors.reason(e);
  }

  private static int statusCode(RuntimeException e) {
    return e instanceof AwsServiceException service ? service.statusCode() : -1;
  }
}
