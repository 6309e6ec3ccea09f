package io.strata.api.error;

import io.strata.api.audit.AuditRecord;
import io.strata.core.query.QueryEngineException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders what the query engine reports: an unknown query is 404, throttling 429, an unreachable
 * engine 503 (both worth retrying), a query still running 409, a forged page token 400, an
 * Idempotency-Key reused for another request 422, a failed statement 502. The engine's own text can
 * name tables, buckets, roles and values, so the caller gets a fixed message (and for failures an
 * incident id) while the operators' log keeps the detail.
 */
@Provider
public class QueryEngineMapper implements ExceptionMapper<QueryEngineException> {

  private static final Logger LOG = LoggerFactory.getLogger(QueryEngineMapper.class);

  @Inject AuditRecord audit;

  @Override
  public Response toResponse(QueryEngineException e) {
    int status;
    String code;
    String message;
    switch (e.reason()) {
      case NOT_FOUND -> {
        status = 404;
        code = "query_not_found";
        message = "No query with that id exists, or its results are gone";
      }
      case THROTTLED -> {
        status = 429;
        code = "throttled";
        message = "The query engine is throttling requests; retry after a pause";
      }
      case UNAVAILABLE -> {
        status = 503;
        code = "engine_unavailable";
        message = "The query engine cannot be reached right now; retry after a pause";
      }
      case INVALID_TOKEN -> {
        status = 400;
        code = "bad_value";
        message =
            "nextToken is not a token this API handed out for this query; pass it back unchanged";
      }
      case TOKEN_REUSED -> {
        status = 422;
        code = "idempotency_key_reused";
        message =
            "This Idempotency-Key was used before for a different request; send the same request"
                + " to retry it, or a new key for a new request";
      }
      case CONFLICT -> {
        status = 409;
        code = "query_not_finished";
        message = "The query has not finished; poll GET /queries/{queryId} until it has";
      }
      default -> {
        status = 502;
        code = "query_failed";
        message = null;
      }
    }
    if (message == null) {
      String incident = UUID.randomUUID().toString();
      LOG.warn("Query engine failure, incident {}: {}", incident, e.getMessage(), e);
      message =
          "The query engine refused or failed the query; the operators can find the reason in the"
              + " logs as incident "
              + incident;
    } else {
      LOG.info("Query engine answered {}: {}", e.reason(), e.getMessage());
    }
    audit.failed(code);
    Response response = ErrorResponses.of(status, code, message);
    if (status == 429 || status == 503) {
      return Response.fromResponse(response).header("Retry-After", "2").build();
    }
    return response;
  }
}
