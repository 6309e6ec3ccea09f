package io.strata.core.access;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The roles of {@code datasets/access.yaml} by name, the single source of who may see what; loaded
 * by {@link AccessPolicyLoader}. A principal holds at most one role.
 */
public record AccessPolicy(Map<String, RoleGrant> roles) {

  public AccessPolicy {
    roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    Map<String, String> holders = new HashMap<>();
    for (Map.Entry<String, RoleGrant> entry : roles.entrySet()) {
      RoleGrant role = Objects.requireNonNull(entry.getValue(), "role");
      if (!entry.getKey().equals(role.name())) {
        throw new AccessPolicyException(
            "Cannot create access policy: role "
                + role.name()
                + " is filed under "
                + entry.getKey());
      }
      for (String principal : role.principals()) {
        String other = holders.putIfAbsent(principal, role.name());
        if (other != null) {
          throw new AccessPolicyException(
              "Cannot create access policy: principal "
                  + principal
                  + " holds both roles "
                  + other
                  + " and "
                  + role.name());
        }
      }
    }
  }

  /** The role with this name, if the policy declares it. */
  public Optional<RoleGrant> role(String name) {
    return Optional.ofNullable(roles.get(name));
  }

  /** The role an IAM principal ARN holds through the policy's {@code principals} lists. */
  public Optional<RoleGrant> roleOfPrincipal(String principalArn) {
    return roles.values().stream().filter(r -> r.principals().contains(principalArn)).findFirst();
  }
}
