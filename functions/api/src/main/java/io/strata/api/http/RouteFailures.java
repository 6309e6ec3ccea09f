package io.strata.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures the HTTP layer itself raises before a REST resource runs (a path that does not decode, a
 * body that grew past the limit while it streamed in), answered in the API's error shape instead of
 * the server's bare status.
 */
final class RouteFailures implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RouteFailures.class);

  private final RequestLimits limits;

  RouteFailures(RequestLimits limits) {
    this.limits = limits;
  }

  @Override
  public void handle(RoutingContext context) {
    int status = context.statusCode() < 400 ? 500 : context.statusCode();
    switch (status) {
      case 413 ->
          HttpErrors.answer(
              context, 413, "body_too_large", limits.tooLarge("larger than that"), true);
      case 400 ->
          HttpErrors.answer(
              context,
              400,
              "bad_request",
              "Cannot read the request: its path or a header is malformed (for example a % not"
                  + " followed by two hex digits)",
              false);
      case 404 ->
          HttpErrors.answer(
              context,
              404,
              "not_found",
              "No such route: see the API's routes in the README or /q/openapi",
              false);
      case 405 ->
          HttpErrors.answer(
              context, 405, "method_not_allowed", "This route does not take that method", false);
      default -> {
        if (status < 500) {
          HttpErrors.answer(context, status, "http_" + status, "The request was refused", false);
          return;
        }
        String incident = UUID.randomUUID().toString();
        LOG.error(
            "Unexpected HTTP failure, incident {}: {}",
            incident,
            String.valueOf(context.failure()),
            context.failure());
        HttpErrors.answer(
            context,
            500,
            "internal_error",
            "Internal error; the operators can find it in the logs as incident " + incident,
            false);
      }
    }
  }
}
