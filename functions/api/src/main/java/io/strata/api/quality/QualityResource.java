package io.strata.api.quality;

import io.strata.api.audit.AuditRecord;
import io.strata.api.identity.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The data-quality route: each batch's profile and quality verdicts over time. */
@Path("/datasets/{dataset}/quality")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "datasets")
public class QualityResource {

  @Inject Callers callers;
  @Inject QualityService quality;
  @Inject AuditRecord audit;

  @GET
  @Operation(
      summary =
          "The profiles (row count, per column nulls, extremes, distinct estimate, mean, top"
              + " values) and quality verdicts of the dataset's last batches, oldest first")
  @APIResponse(responseCode = "200")
  @APIResponse(responseCode = "400", description = "batches is not a number from 1 to 500")
  @APIResponse(responseCode = "403", description = "The caller's role has no grant on it")
  @APIResponse(responseCode = "404", description = "No such dataset")
  public DatasetQuality quality(
      @PathParam("dataset") String dataset,
      @Parameter(
              description = "How many of the last batches (1 to 500)",
              schema = @Schema(type = SchemaType.INTEGER, defaultValue = "30"))
          @QueryParam("batches")
          String batches) {
    audit.route("GET /datasets/{dataset}/quality");
    audit.dataset(dataset);
    return quality.of(callers.current(), dataset, batches);
  }
}
