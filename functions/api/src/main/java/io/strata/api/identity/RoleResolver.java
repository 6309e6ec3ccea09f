package io.strata.api.identity;

import io.strata.api.error.ApiException;
import io.strata.api.error.Printable;
import io.strata.core.access.AccessPolicy;
import io.strata.core.access.RoleGrant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps an IAM caller to its Strata role: first the IAM roles the infrastructure generated per
 * Strata role, then the principals {@code access.yaml} lists. Deny by default: a caller that
 * matches neither gets 403.
 */
public final class RoleResolver {

  private final AccessPolicy policy;
  private final Map<IamPrincipal, String> generated;

  /**
   * @param generatedRoles role ARN to Strata role name, as the CDK app passes it in {@code
   *     STRATA_ACCESS_GENERATED_ROLES}
   */
  public RoleResolver(AccessPolicy policy, Map<String, String> generatedRoles) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.generated = new LinkedHashMap<>();
    generatedRoles.forEach(
        (arn, role) -> {
          IamPrincipal principal =
              IamPrincipal.parse(arn)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "Cannot map generated role " + arn + ": not an IAM role ARN"));
          if (policy.role(role).isEmpty()) {
            throw new IllegalArgumentException(
                "Cannot map generated role " + arn + ": access.yaml has no role " + role);
          }
          generated.put(principal, role);
        });
  }

  /** The caller behind an ARN, or a 403 naming why it holds no role. */
  public Caller resolve(Optional<String> principalArn) {
    String arn =
        principalArn.orElseThrow(
            () ->
                ApiException.forbidden(
                    "unauthenticated",
                    "Cannot identify the caller: the request carries no IAM identity"));
    IamPrincipal principal =
        IamPrincipal.parse(arn)
            .orElseThrow(
                () ->
                    ApiException.forbidden(
                        "unknown_principal",
                        "Cannot identify the caller: '"
                            + Printable.of(arn, 200)
                            + "' is not an IAM role, user or assumed-role ARN"));
    return new Caller(principal, roleOf(principal));
  }

  private RoleGrant roleOf(IamPrincipal principal) {
    String name = generated.get(principal);
    if (name != null) {
      return policy.role(name).orElseThrow();
    }
    for (RoleGrant role : policy.roles().values()) {
      for (String listed : role.principals()) {
        if (IamPrincipal.parse(listed).filter(principal::equals).isPresent()) {
          return role;
        }
      }
    }
    throw ApiException.forbidden(
        "no_role",
        "Principal " + principal.arn() + " holds no Strata role: access.yaml does not list it");
  }
}
