package io.strata.api.error;

import io.strata.api.audit.AuditRecord;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Unknown routes, wrong methods, wrong media types and unreadable bodies that the REST layer itself
 * refuses, rendered in the same JSON shape as every other error.
 */
@Provider
public class WebErrorMapper implements ExceptionMapper<WebApplicationException> {

  @Inject AuditRecord audit;

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
      audit.failed("bad_json");
      return ErrorResponses.of(400, "bad_json", BadJsonMapper.describe(json));
    }
    String code =
        switch (status) {
          case 400 -> "bad_request";
          case 404 -> "not_found";
          case 405 -> "method_not_allowed";
          case 406 -> "not_acceptable";
          case 415 -> "unsupported_media_type";
          default ->
              Response.Status.Family.familyOf(status) == Response.Status.Family.SERVER_ERROR
                  ? "internal_error"
                  : "http_" + status;
        };
    String message =
        switch (status) {
          case 404 -> "No such route: see the API's routes in the README or /q/openapi";
          case 405 -> "This route does not take that method";
          case 415 -> "Send the body as application/json";
          default -> {
            String reason =
                Response.Status.fromStatusCode(status) == null
                    ? "HTTP " + status
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
            yield reason.toLowerCase(Locale.ROOT).equals("bad request") && e.getMessage() != null
                ? "Bad request: " + e.getMessage()
                : reason;
          }
        };
    audit.failed(code);
    return ErrorResponses.of(status, code, message);
  }
}
