package io.strata.aws.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Removes the {@code Expect: 100-continue} header the S3 client puts on every upload. Register it
 * on clients of S3-compatible servers such as s3proxy: with the url-connection HTTP client, an
 * error answer sent before the body (a missing bucket, a failed condition) otherwise stalls the
 * request and leaves a broken connection in the pool that fails a later upload. Real S3 needs no
 * such help.
 */
public final class ExpectContinueRemover implements ExecutionInterceptor {

  @Override
  public SdkHttpRequest modifyHttpRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
    SdkHttpRequest request = context.httpRequest();
    if (request.firstMatchingHeader("Expect").isEmpty()) {
      return request;
    }
    return request.toBuilder().removeHeader("Expect").build();
  }
}
