package io.strata.api.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the JSON error answers every mapper returns. */
public final class ErrorResponses {

  private ErrorResponses() {}

  public static Response of(int status, String code, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.of(status, code, message))
        .build();
  }
}
