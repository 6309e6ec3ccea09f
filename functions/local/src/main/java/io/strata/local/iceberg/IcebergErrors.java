package io.strata.local.iceberg;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.apache.iceberg.rest.responses.ErrorResponseParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the catalog throws into the REST catalog protocol's error answer ({@code {"error":
 * {"message", "type", "code"}}}) with the status the protocol gives it: a missing namespace or
 * table 404, a conflicting commit 409, a bad request 400, a refused operation 403, an unsupported
 * one 406. Iceberg's clients rebuild the same exception from the type and status.
 */
final class IcebergErrors {

  private static final Logger LOG = LoggerFactory.getLogger(IcebergErrors.class);

  private IcebergErrors() {}

  /** The protocol's status for an exception the catalog threw. */
  static int status(RuntimeException e) {
    if (e instanceof NoSuchNamespaceException
        || e instanceof NoSuchTableException
        || e instanceof NoSuchViewException
        || e instanceof NotFoundException) {
      return 404;
    }
    if (e instanceof AlreadyExistsException
        || e instanceof CommitFailedException
        || e instanceof NamespaceNotEmptyException) {
      return 409;
    }
    if (e instanceof ForbiddenException) {
      return 403;
    }
    if (e instanceof UnsupportedOperationException) {
      return 406;
    }
    if (e instanceof BadRequestException
        || e instanceof ValidationException
        || e instanceof IllegalArgumentException) {
      return 400;
    }
    return 500;
  }

  /**
   * The error answer for an exception thrown while serving {@code route}. The message of an
   * unexpected failure stays in the lake's log; the caller learns only that it happened.
   */
  static Response answer(String route, RuntimeException e) {
    int status = status(e);
    String type = e.getClass().getSimpleName();
    String message = e.getMessage();
    if (status == 500) {
      LOG.error("Cannot serve {} on the Iceberg REST catalog: {}", route, e.getMessage(), e);
      if (!type.equals("CommitStateUnknownException")) {
        message = "Cannot serve " + route + ": the lake failed; its log says why";
      }
    }
    return answer(status, type, message);
  }

  static Response answer(int status, String type, String message) {
    ErrorResponse error =
        ErrorResponse.builder()
            .responseCode(status)
            .withType(type)
            .withMessage(message == null ? type : message)
            .build();
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorResponseParser.toJson(error))
        .build();
  }
}
