package io.strata.api.identity;

import java.util.Optional;

/**
 * Who is calling, as the hosting app knows it: the query Lambda reads the IAM identity API Gateway
 * verified ({@code requestContext.authorizer.iam}); the local lake reads a header. Each app
 * provides exactly one implementation.
 */
public interface CallerIdentity {

  /** The caller's IAM ARN (role, user or assumed-role session), or empty when there is none. */
  Optional<String> principalArn();
}
