package io.strata.api.query;

import io.strata.api.audit.AuditRecord;
import io.strata.api.error.ApiException;
import io.strata.api.identity.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Polling and paging of queries, reports and exports the caller started. */
@Path("/queries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queries")
public class QueriesResource {

  @Inject Callers callers;
  @Inject QueryService queries;
  @Inject AuditRecord audit;

  @GET
  @Path("/{queryId}")
  @Operation(summary = "A query's state, then its result pages via nextToken")
  @APIResponse(
      responseCode = "200",
      description = "Done: a page of rows, or an export manifest",
      content = @Content(schema = @Schema(implementation = QueryAnswer.class)))
  @APIResponse(
      responseCode = "202",
      description = "Still running",
      content = @Content(schema = @Schema(implementation = QueryAnswer.class)))
  @APIResponse(responseCode = "403", description = "Started by another principal")
  @APIResponse(responseCode = "404", description = "No such query")
  public Response poll(
      @PathParam("queryId") String queryId,
      @QueryParam("nextToken") String nextToken,
      @QueryParam("pageSize") String pageSize) {
    audit.route("GET /queries/{queryId}");
    return Answers.of(queries.poll(callers.current(), queryId, nextToken, pageSize(pageSize)));
  }

  /** Read here, not by JAX-RS, which would answer a malformed number with 404. */
  private static Integer pageSize(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "bad_value", "pageSize must be a whole number between 1 and 1000");
    }
  }
}
