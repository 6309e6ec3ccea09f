package io.strata.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.api.audit.AuditLog;
import io.strata.api.error.ErrorBody;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Error answers written at the HTTP layer, before any REST resource runs, in the API's one error
 * shape; each is audited like any other request.
 */
final class HttpErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Routing-context key of the time the request reached the API, in nanoseconds. */
  static final String STARTED = "strata.http.started";

  private HttpErrors() {}

  /**
   * Answers with the error unless an answer is under way already.
   *
   * @param closeConnection whether the rest of the request is left unread, so the connection cannot
   *     carry another request
   */
  static void answer(
      RoutingContext context, int status, String code, String message, boolean closeConnection) {
    HttpServerResponse response = context.response();
    if (response.headWritten() || response.ended()) {
      return;
    }
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(ErrorBody.of(status, code, message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write error body", e);
    }
    // Spelled as JAX-RS spells them: the Lambda adapter looks headers up by exact name.
    response.setStatusCode(status).putHeader("Content-Type", "application/json");
    if (closeConnection) {
      response.putHeader("Connection", "close");
      response.endHandler(done -> context.request().connection().close());
    }
    response.end(io.vertx.core.buffer.Buffer.buffer(body));
    Object started = context.get(STARTED);
    long millis = started instanceof Long s ? (System.nanoTime() - s) / 1_000_000 : -1;
    AuditLog.refused(context.request().method().name(), path(context), status, code, millis);
  }

  /** The raw path, as sent: it may not even decode. */
  private static String path(RoutingContext context) {
    String uri = context.request().uri();
    int query = uri == null ? -1 : uri.indexOf('?');
    return uri == null ? "" : query < 0 ? uri : uri.substring(0, query);
  }
}
