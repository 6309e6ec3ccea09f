package io.strata.api.audit;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes the audit line of every request once its answer is known. The fields also go into the MDC
 * so the JSON log format of the Lambda emits them as structured fields ({@code audit.*}).
 */
@Provider
public class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final Logger LOG = LoggerFactory.getLogger("io.strata.audit");
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
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("principal", audit.principal());
    fields.put("role", audit.role());
    fields.put("route", route);
    fields.put("dataset", audit.dataset());
    fields.put("report", audit.report());
    fields.put("columns", audit.columns().isEmpty() ? null : String.join(",", audit.columns()));
    fields.put("filters", audit.filters().isEmpty() ? null : String.join(" and ", audit.filters()));
    fields.put("queryId", audit.queryId());
    fields.put("status", Integer.toString(response.getStatus()));
    fields.put(
        "outcome", audit.errorCode() == null ? outcome(response.getStatus()) : audit.errorCode());
    fields.put(
        "bytesScanned", audit.bytesScanned() == null ? null : Long.toString(audit.bytesScanned()));
    fields.put("durationMs", Long.toString(millis));
    fields.values().removeIf(v -> v == null);
    fields.forEach((k, v) -> MDC.put("audit." + k, v));
    try {
      LOG.info("audit {}", fields);
    } finally {
      fields.keySet().forEach(k -> MDC.remove("audit." + k));
    }
  }

  private static String outcome(int status) {
    return switch (status) {
      case 200, 201 -> "ok";
      case 202 -> "running";
      default -> "http_" + status;
    };
  }
}
