package io.strata.local.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.api.setup.ApiConfig;
import io.strata.local.api.HeaderCallerIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The roles a person can pick in the local console, each with the IAM role ARN the local lake maps
 * to it ({@code strata.access.generated-roles}): the console sends that ARN in the {@value
 * HeaderCallerIdentity#HEADER} header, so it reads the API under exactly the rules of that role.
 * Local only: the ARNs are the local lake's stand-ins, and the Lambda never serves this route.
 */
@Path("/console/roles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
public class ConsoleRolesResource {

  /** A role and the principal that holds it in the local lake. */
  public record ConsoleRole(String role, String principal) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Inject ApiConfig config;

  @GET
  @Operation(summary = "Local console: the roles to pick from and the principal sent for each")
  public List<ConsoleRole> roles() {
    Map<String, String> generated;
    try {
      generated =
          MAPPER.readValue(
              config.access().generatedRoles(), new TypeReference<Map<String, String>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read strata.access.generated-roles", e);
    }
    List<ConsoleRole> roles = new ArrayList<>();
    generated.forEach((principal, role) -> roles.add(new ConsoleRole(role, principal)));
    roles.sort((a, b) -> a.role().compareTo(b.role()));
    return roles;
  }
}
