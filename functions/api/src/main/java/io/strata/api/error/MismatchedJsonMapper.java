package io.strata.api.error;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.strata.api.audit.AuditRecord;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON that parses but has the wrong structure for the route: an unknown field, a value of the
 * wrong type, an array where an object belongs ({@code []}, nested arrays). Quarkus' own mapper for
 * these answers 400 with an empty body; this one wins by priority and answers {@code bad_json} in
 * the API's error shape, naming the field.
 */
@Provider
@Priority(1)
public class MismatchedJsonMapper implements ExceptionMapper<MismatchedInputException> {

  @Inject AuditRecord audit;

  @Override
  public Response toResponse(MismatchedInputException e) {
    audit.failed("bad_json");
    return ErrorResponses.of(400, "bad_json", BadJsonMapper.describe(e));
  }
}
