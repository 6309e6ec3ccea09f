package io.strata.local.api;

import io.strata.api.identity.CallerIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The local lake's caller: the IAM ARN in the {@code X-Strata-Principal} header. There is no
 * signature to verify on a laptop, so the header is trusted here and only here; the query Lambda
 * never reads it.
 */
@RequestScoped
public class HeaderCallerIdentity implements CallerIdentity {

  /** The header naming the caller's IAM role or user ARN. */
  public static final String HEADER = "X-Strata-Principal";

  @Inject HttpServerRequest request;

  @Override
  public Optional<String> principalArn() {
    return Optional.ofNullable(request.getHeader(HEADER))
        .map(String::trim)
        .filter(h -> !h.isEmpty());
  }
}
