package io.strata.api.identity;

import io.strata.core.access.RoleGrant;
import java.util.Objects;

/** An identified caller: the IAM principal and the Strata role it holds. */
public record Caller(IamPrincipal principal, RoleGrant role) {

  public Caller {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(role, "role");
  }
}
