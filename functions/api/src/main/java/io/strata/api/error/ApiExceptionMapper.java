package io.strata.api.error;

import io.strata.api.audit.AuditRecord;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders our own refusals (unknown dataset, no role, not the query's owner, …). */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {

  @Inject AuditRecord audit;

  @Override
  public Response toResponse(ApiException e) {
    audit.failed(e.code());
    Response response = ErrorResponses.of(e.status(), e.code(), e.getMessage());
    if (e.status() == 429) {
      // Refused for the caller's own load: worth retrying once some of it is done.
      return Response.fromResponse(response).header("Retry-After", "5").build();
    }
    return response;
  }
}
