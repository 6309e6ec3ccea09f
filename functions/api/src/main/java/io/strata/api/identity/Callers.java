package io.strata.api.identity;

import io.strata.api.audit.AuditRecord;
import io.strata.api.setup.LakeRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Identifies the caller of the current request and records it for the audit line. */
@ApplicationScoped
public class Callers {

  @Inject CallerIdentity identity;
  @Inject LakeRules rules;
  @Inject AuditRecord audit;

  /** The current caller with its role, or a 403 when it holds none. */
  public Caller current() {
    Optional<String> arn = identity.principalArn();
    arn.ifPresent(audit::principal);
    Caller caller = rules.current().roles().resolve(arn);
    audit.caller(caller);
    return caller;
  }
}
