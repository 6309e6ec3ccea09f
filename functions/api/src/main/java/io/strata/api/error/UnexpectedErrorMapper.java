package io.strata.api.error;

import io.strata.api.audit.AuditRecord;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything else: logged in full with an incident id, answered 500 with only that id, never a stack
 * trace or an internal message.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Exception> {

  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

  @Inject AuditRecord audit;

  @Override
  public Response toResponse(Exception e) {
    String incident = UUID.randomUUID().toString();
    LOG.error("Unexpected error, incident {}: {}", incident, e.toString(), e);
    audit.failed("internal_error");
    return ErrorResponses.of(
        500,
        "internal_error",
        "Internal error; the operators can find it in the logs as incident " + incident);
  }
}
