package io.strata.infra;

import io.strata.core.access.AccessPolicy;
import io.strata.core.access.RoleGrant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.CompositePrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * One IAM role per role of {@code datasets/access.yaml}, allowed to {@code execute-api:Invoke}
 * exactly the query API routes its grants need (see {@link RouteAccess}) and nothing else. The
 * query function maps a caller that assumed one of these roles to its Strata role.
 */
public final class ConsumerRoles extends Construct {

  /**
   * Settings of the consumer roles.
   *
   * @param trust comma-separated account ids or IAM ARNs allowed to assume the roles; empty trusts
   *     this account (its IAM policies then decide who may assume them)
   */
  public record Props(AccessPolicy policy, String trust, QueryApi api) {}

  private final Map<String, Role> roles = new LinkedHashMap<>();

  public ConsumerRoles(Construct scope, String id, Props props) {
    super(scope, id);
    IPrincipal trusted = trustedPrincipal(props.trust());
    for (RoleGrant grant : props.policy().roles().values()) {
      Role role =
          Role.Builder.create(this, pascalCase(grant.name()))
              .assumedBy(trusted)
              .description(("Strata role " + grant.name() + ". " + grant.description()).strip())
              .maxSessionDuration(Duration.hours(1))
              .build();
      List<String> arns = new ArrayList<>();
      for (RouteGrant route : RouteAccess.routesFor(grant)) {
        arns.add(props.api().routeArn(route));
      }
      role.addToPrincipalPolicy(
          PolicyStatement.Builder.create()
              .actions(List.of("execute-api:Invoke"))
              .resources(arns)
              .build());
      roles.put(grant.name(), role);
    }
    Nag.suppressMatching(
        this,
        "AwsSolutions-IAM5",
        "Route ARNs of the query API only: the stage segment is * because the API has one stage"
            + " ($default); GET /queries/* lets a role poll its own queries (the query API checks"
            + " ownership); GET /datasets/<dataset>/quarantine/* lets it read any quarantine report"
            + " of a dataset it sees (the query API applies its column and row rules); an admin"
            + " may call every route",
        "/^Resource::arn:<AWS::Partition>:execute-api:"
            + Nag.REGION
            + ":"
            + Nag.ACCOUNT
            + ":<"
            + Nag.logicalId(props.api().api())
            + ">\\/\\*\\/(GET|POST)\\/(datasets|queries|reports)(\\/[A-Za-z0-9_*-]+){0,3}$/g");
  }

  private static IPrincipal trustedPrincipal(String trust) {
    List<IPrincipal> principals = new ArrayList<>();
    for (String entry : Arrays.stream(trust.split(",")).map(String::strip).toList()) {
      if (entry.isEmpty()) {
        continue;
      }
      principals.add(
          entry.startsWith("arn:") ? new ArnPrincipal(entry) : new AccountPrincipal(entry));
    }
    if (principals.isEmpty()) {
      return new AccountRootPrincipal();
    }
    return principals.size() == 1
        ? principals.get(0)
        : new CompositePrincipal(principals.toArray(IPrincipal[]::new));
  }

  static String pascalCase(String roleName) {
    StringBuilder result = new StringBuilder();
    for (String part : roleName.split("-")) {
      if (!part.isEmpty()) {
        result.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return result.toString();
  }

  /** The generated IAM roles by Strata role name, in policy order. */
  public Map<String, Role> roles() {
    return Collections.unmodifiableMap(roles);
  }

  /**
   * A JSON object from each generated role's ARN to its Strata role name, resolved at deploy time;
   * the query function reads it from {@code STRATA_ACCESS_GENERATED_ROLES}.
   */
  public String generatedRolesJson() {
    Map<String, String> byArn = new LinkedHashMap<>();
    roles.forEach((name, role) -> byArn.put(role.getRoleArn(), name));
    return Stack.of(this).toJsonString(byArn);
  }
}
