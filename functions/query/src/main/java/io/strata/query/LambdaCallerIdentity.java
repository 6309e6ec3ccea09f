package io.strata.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.strata.api.identity.CallerIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The caller as API Gateway verified it: the IAM identity of the SigV4 signature in {@code
 * requestContext.authorizer.iam}. Headers are never consulted, so a caller cannot claim another
 * identity.
 */
@RequestScoped
public class LambdaCallerIdentity implements CallerIdentity {

  @Inject APIGatewayV2HTTPEvent.RequestContext context;

  @Override
  public Optional<String> principalArn() {
    if (context == null
        || context.getAuthorizer() == null
        || context.getAuthorizer().getIam() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(context.getAuthorizer().getIam().getUserArn())
        .filter(arn -> !arn.isBlank());
  }
}
