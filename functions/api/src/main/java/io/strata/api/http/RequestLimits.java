package io.strata.api.http;

import io.strata.api.setup.ApiConfig;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;

/**
 * Refuses requests larger than {@link ApiConfig.Http} allows before anything reads them: a URI over
 * {@code max-uri-length} is 414 {@code uri_too_long}, headers over {@code max-header-bytes} are 431
 * {@code headers_too_large}, a body over {@code max-body-bytes} (declared or streamed) is 413
 * {@code body_too_large}. A body within the limit is read once here, so nothing downstream reads
 * more.
 */
final class RequestLimits implements Handler<RoutingContext> {

  private final ApiConfig.Http limits;
  private final BodyHandler body;

  RequestLimits(ApiConfig.Http limits) {
    this.limits = limits;
    this.body =
        BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()).setHandleFileUploads(false);
  }

  @Override
  public void handle(RoutingContext context) {
    context.put(HttpErrors.STARTED, System.nanoTime());
    HttpServerRequest request = context.request();
    int uriLength = request.uri() == null ? 0 : request.uri().length();
    if (uriLength > limits.maxUriLength()) {
      HttpErrors.answer(
          context,
          414,
          "uri_too_long",
          "Cannot read the request: its URI is "
              + uriLength
              + " characters long, more than the "
              + limits.maxUriLength()
              + " this API accepts",
          false);
      return;
    }
    long headerBytes = 0;
    for (Map.Entry<String, String> header : request.headers()) {
      headerBytes += header.getKey().length() + header.getValue().length() + 4L;
    }
    if (headerBytes > limits.maxHeaderBytes()) {
      HttpErrors.answer(
          context,
          431,
          "headers_too_large",
          "Cannot read the request: its headers take "
              + headerBytes
              + " bytes, more than the "
              + limits.maxHeaderBytes()
              + " this API accepts",
          false);
      return;
    }
    String declared = request.getHeader("Content-Length");
    if (declared != null && parses(declared) && Long.parseLong(declared) > limits.maxBodyBytes()) {
      HttpErrors.answer(context, 413, "body_too_large", tooLarge(declared + " bytes long"), true);
      return;
    }
    body.handle(context);
  }

  /** The message of a body over the limit; {@code size} is what is known of its size. */
  String tooLarge(String size) {
    return "Cannot read the request body: it is "
        + size
        + ", more than the "
        + limits.maxBodyBytes()
        + " bytes this API accepts; ask for fewer filters, values or columns";
  }

  private static boolean parses(String number) {
    try {
      Long.parseLong(number.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
