package io.strata.api.error;

import io.strata.api.audit.AuditRecord;
import io.strata.core.query.QueryRejectedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/** Renders what the query planner and the report compiler refuse: 400, 403 or 404. */
@Provider
public class QueryRejectedMapper implements ExceptionMapper<QueryRejectedException> {

  @Inject AuditRecord audit;

  @Override
  public Response toResponse(QueryRejectedException e) {
    String code = e.problem().name().toLowerCase(Locale.ROOT);
    int status =
        switch (e.problem()) {
          case FORBIDDEN -> 403;
          case NOT_FOUND -> 404;
          default -> 400;
        };
    audit.failed(code);
    return ErrorResponses.of(status, code, e.getMessage());
  }
}
