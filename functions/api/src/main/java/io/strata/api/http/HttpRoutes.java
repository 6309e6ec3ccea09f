package io.strata.api.http;

import io.strata.api.setup.ApiConfig;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Puts {@link RequestLimits} in front of every route, ahead of the server's own body-size check
 * (order -2), and {@link RouteFailures} first among the failure handlers and as the router's
 * handler of unrouted 400, 413 and 500 failures. Both apps share them: the local lake's HTTP server
 * and the Lambda's virtual one route through the same router.
 */
@ApplicationScoped
public class HttpRoutes {

  /** Before Quarkus' own body-size route, which answers with an empty body. */
  static final int ORDER = -10;

  void install(@Observes Router router, ApiConfig config) {
    RequestLimits limits = new RequestLimits(config.http());
    RouteFailures failures = new RouteFailures(limits);
    router.route().order(ORDER).handler(limits).failureHandler(failures);
    // A path that does not even decode fails before any route matches, so no route's failure
    // handler sees it: the router's own error handlers do.
    for (int status : new int[] {400, 413, 500}) {
      router.errorHandler(status, failures);
    }
  }
}
