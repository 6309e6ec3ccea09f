package io.strata.api.datasets;

import io.strata.api.audit.AuditRecord;
import io.strata.api.exports.ExportService;
import io.strata.api.identity.Caller;
import io.strata.api.identity.Callers;
import io.strata.api.query.Answers;
import io.strata.api.query.QueryAnswer;
import io.strata.api.query.QueryService;
import io.strata.core.query.QueryRequest;
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

/** The datasets routes: what a caller may see, its queries and its training exports. */
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "datasets")
public class DatasetsResource {

  @Inject Callers callers;
  @Inject DatasetDirectory directory;
  @Inject QueryService queries;
  @Inject ExportService exports;
  @Inject AuditRecord audit;

  @GET
  @Operation(summary = "Datasets the caller may see, with description and last ingest")
  public List<DatasetSummary> list() {
    audit.route("GET /datasets");
    return directory.list(callers.current());
  }

  @GET
  @Path("/{dataset}")
  @Operation(
      summary = "A dataset's schema as the caller sees it, its partitions and recent batches")
  @APIResponse(responseCode = "200")
  @APIResponse(responseCode = "403", description = "The caller's role has no grant on it")
  @APIResponse(responseCode = "404", description = "No such dataset")
  public DatasetDetail detail(@PathParam("dataset") String dataset) {
    audit.route("GET /datasets/{dataset}");
    audit.dataset(dataset);
    Caller caller = callers.current();
    return directory.detail(caller, dataset);
  }

  @POST
  @Path("/{dataset}/query")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "A structured query: columns, filters, orderBy, limit, view current|history, asOf")
  @APIResponse(
      responseCode = "200",
      description = "Done: the first page of rows",
      content = @Content(schema = @Schema(implementation = QueryAnswer.class)))
  @APIResponse(
      responseCode = "202",
      description = "Still running: poll GET /queries/{queryId}",
      content = @Content(schema = @Schema(implementation = QueryAnswer.class)))
  @APIResponse(responseCode = "400", description = "Bad body, column, operator or value")
  @APIResponse(responseCode = "403", description = "The role may not query it, or not that way")
  public Response query(
      @PathParam("dataset") String dataset,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      QueryRequest request) {
    audit.route("POST /datasets/{dataset}/query");
    Caller caller = callers.current();
    return Answers.of(queries.query(caller, dataset, orEmpty(request), idempotencyKey));
  }

  @POST
  @Path("/{dataset}/exports")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "A model-training export: the dataset as of an instant, unloaded as Parquet with a"
              + " manifest")
  @APIResponse(
      responseCode = "200",
      description = "Done: the export's manifest",
      content = @Content(schema = @Schema(implementation = QueryAnswer.class)))
  @APIResponse(
      responseCode = "202",
      description = "Still running: poll GET /queries/{queryId}",
      content = @Content(schema = @Schema(implementation = QueryAnswer.class)))
  @APIResponse(responseCode = "403", description = "The role may not export the dataset")
  public Response export(
      @PathParam("dataset") String dataset,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      QueryRequest request) {
    audit.route("POST /datasets/{dataset}/exports");
    Caller caller = callers.current();
    return Answers.of(exports.start(caller, dataset, orEmpty(request), idempotencyKey));
  }

  private static QueryRequest orEmpty(QueryRequest request) {
    return request == null ? new QueryRequest(null, null, null, null, null, null) : request;
  }
}
