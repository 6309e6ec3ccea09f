package io.strata.api.error;

import io.strata.api.audit.AuditRecord;
import io.strata.core.query.QueryEngineException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders what the query engine reports: an unknown query is 404, throttling 429, an unreachable
 * engine 503 (both worth retrying), a query still running 409, a failed statement 502.
 */
@Provider
public class QueryEngineMapper implements ExceptionMapper<QueryEngineException> {

  private static final Logger LOG = LoggerFactory.getLogger(QueryEngineMapper.class);

  @Inject AuditRecord audit;

  @Override
  public Response toResponse(QueryEngineException e) {
    int status;
    String code;
    switch (e.reason()) {
      case NOT_FOUND -> {
        status = 404;
        code = "query_not_found";
      }
      case THROTTLED -> {
        status = 429;
        code = "throttled";
      }
      case UNAVAILABLE -> {
        status = 503;
        code = "engine_unavailable";
      }
      case CONFLICT -> {
        status = 409;
        code = "query_not_finished";
      }
      default -> {
        status = 502;
        code = "query_failed";
      }
    }
    if (status >= 500) {
      LOG.warn("{}", e.getMessage(), e);
    }
    audit.failed(code);
    Response response = ErrorResponses.of(status, code, e.getMessage());
    if (status == 429 || status == 503) {
      return Response.fromResponse(response).header("Retry-After", "2").build();
    }
    return response;
  }
}
