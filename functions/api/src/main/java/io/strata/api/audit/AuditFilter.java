package io.strata.api.audit;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;

/**
 * Writes the audit line of every request that reached a route, once its answer is known: one JSON
 * object on one line (see {@link AuditLine} and {@link AuditLog}).
 */
@Provider
public class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String STARTED = "strata.audit.started";

  @Inject AuditRecord audit;

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object started = request.getProperty(STARTED);
    long millis = started instanceof Long s ? (System.nanoTime() - s) / 1_000_000 : -1;
    String route =
        audit.route() != null
            ? audit.route()
            : request.getMethod() + " " + request.getUriInfo().getPath();
    AuditLine line =
        new AuditLine(
            "audit",
            Instant.now().toString(),
            audit.principal(),
            audit.role(),
            route,
            audit.dataset(),
            audit.report(),
            audit.columns(),
            audit.filters(),
            audit.queryId(),
            response.getStatus(),
            audit.errorCode() == null ? outcome(response.getStatus()) : audit.errorCode(),
            audit.bytesScanned(),
            millis);
    AuditLog.write(line);
  }

  private static String outcome(int status) {
    return switch (status) {
      case 200, 201 -> "ok";
      case 202 -> "running";
      default -> "http_" + status;
    };
  }
}
