package io.strata.api.setup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the query API's rules at {@code /q/health/ready}: DOWN while any rule file fails to
 * load, with what is still in force and why each broken file fails. DOWN does not mean nothing is
 * served: everything the broken files do not describe still is (see {@link LakeRules}).
 */
@Readiness
@ApplicationScoped
public class RulesHealthCheck implements HealthCheck {

  @Inject LakeRules rules;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("strata-rules");
    LakeRules.Snapshot rules;
    try {
      rules = this.rules.latest();
    } catch (RuntimeException e) {
      return response.down().withData("rules", "cannot be read: " + e.getMessage()).build();
    }
    LakeRules.PolicyState access = rules.access();
    if (access.problem() == null) {
      response.withData("access.yaml", "in force, loaded at " + access.loadedAt());
    } else if (access.loadedAt() != null) {
      response.withData(
          "access.yaml",
          "INVALID, the policy loaded at "
              + access.loadedAt()
              + " stays in force: "
              + access.problem());
    } else {
      response.withData(
          "access.yaml",
          "INVALID, no policy in force, every request is refused: " + access.problem());
    }
    response.withData("contracts", rules.contracts().size() + " valid");
    rules
        .brokenContracts()
        .forEach((name, problem) -> response.withData("contract " + name, problem));
    response.withData("reports", rules.reports().size() + " valid");
    rules.brokenReports().forEach((file, problem) -> response.withData("report " + file, problem));
    return response.status(rules.healthy()).build();
  }
}
