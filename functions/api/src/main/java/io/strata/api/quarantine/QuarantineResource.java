package io.strata.api.quarantine;

import io.strata.api.audit.AuditRecord;
import io.strata.api.identity.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read-only routes of a dataset's quarantine: the reports a person reads to fix a file. */
@Path("/datasets/{dataset}/quarantine")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "datasets")
public class QuarantineResource {

  @Inject Callers callers;
  @Inject QuarantineReports reports;
  @Inject AuditRecord audit;

  @GET
  @Operation(summary = "The dataset's quarantined batches, newest first")
  @APIResponse(responseCode = "200")
  @APIResponse(responseCode = "403", description = "The caller's role has no grant on it")
  @APIResponse(responseCode = "404", description = "No such dataset")
  public List<QuarantineSummary> list(@PathParam("dataset") String dataset) {
    audit.route("GET /datasets/{dataset}/quarantine");
    audit.dataset(dataset);
    return reports.list(callers.current(), dataset);
  }

  @GET
  @Path("/{batchId}")
  @Operation(
      summary =
          "A quarantine report: reason, and line, column, rule and protected value of each error")
  @APIResponse(responseCode = "200")
  @APIResponse(responseCode = "400", description = "Malformed batch id")
  @APIResponse(responseCode = "403", description = "The caller's role has no grant on it")
  @APIResponse(responseCode = "404", description = "No such dataset or report")
  public QuarantineView report(
      @PathParam("dataset") String dataset, @PathParam("batchId") String batchId) {
    audit.route("GET /datasets/{dataset}/quarantine/{batchId}");
    audit.dataset(dataset);
    return reports.report(callers.current(), dataset, batchId);
  }
}
