package io.strata.api.reports;

import io.strata.api.audit.AuditRecord;
import io.strata.api.identity.Callers;
import io.strata.api.query.Answers;
import io.strata.api.query.QueryAnswer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Named reports: SQL files with typed parameters, each allowed to the roles that list it. */
@Path("/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reports")
public class ReportsResource {

  @Inject Callers callers;
  @Inject ReportService reports;
  @Inject AuditRecord audit;

  @GET
  @Operation(summary = "The reports the caller may run, with their parameters")
  public List<ReportSummary> list() {
    audit.route("GET /reports");
    return reports.list(callers.current());
  }

  @POST
  @Path("/{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Runs a named report with typed parameters")
  @APIResponse(
      responseCode = "200",
      description = "Done: the first page of rows",
      content = @Content(schema = @Schema(implementation = QueryAnswer.class)))
  @APIResponse(
      responseCode = "202",
      description = "Still running: poll GET /queries/{queryId}",
      content = @Content(schema = @Schema(implementation = QueryAnswer.class)))
  @APIResponse(responseCode = "403", description = "The role may not run this report")
  @APIResponse(responseCode = "404", description = "No such report")
  public Response run(
      @PathParam("name") String name,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      RunReport body) {
    audit.route("POST /reports/{name}");
    RunReport run = body == null ? new RunReport(null) : body;
    return Answers.of(reports.run(callers.current(), name, run.parameters(), idempotencyKey));
  }
}
