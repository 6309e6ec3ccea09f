package io.strata.api.error;

import io.strata.api.audit.AuditRecord;
import io.strata.core.table.CatalogUnavailableException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table catalog (Glue, or the local lake's own) failed to answer which snapshot a request
 * reads: throttled, unreachable, or metadata that cannot be read for now. That is worth retrying,
 * so it is 503 {@code catalog_unavailable} with {@code Retry-After}, not a 500; other table
 * failures (a table another engine wrote row deletes into) are not, and stay 500 with an incident.
 * The catalog's own text names databases, tables and buckets, so the caller gets an incident id and
 * the operators' log the detail.
 */
@Provider
public class CatalogErrorMapper implements ExceptionMapper<CatalogUnavailableException> {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogErrorMapper.class);

  @Inject AuditRecord audit;

  @Override
  public Response toResponse(CatalogUnavailableException e) {
    String incident = UUID.randomUUID().toString();
    LOG.warn("Table catalog failure, incident {}: {}", incident, e.getMessage(), e);
    audit.failed("catalog_unavailable");
    Response response =
        ErrorResponses.of(
            503,
            "catalog_unavailable",
            "The table catalog cannot answer right now; retry after a pause (incident "
                + incident
                + ")");
    return Response.fromResponse(response).header("Retry-After", "2").build();
  }
}
