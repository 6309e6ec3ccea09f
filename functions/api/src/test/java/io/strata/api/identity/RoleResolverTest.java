package io.strata.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.api.error.ApiException;
import io.strata.core.access.AccessPolicy;
import io.strata.core.access.DatasetGrant;
import io.strata.core.access.RoleGrant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleResolverTest {

  private static final String ANALYST_ROLE = "arn:aws:iam::123456789012:role/StrataAnalyst";

  private final AccessPolicy policy =
      new AccessPolicy(
          Map.of(
              "analyst",
              new RoleGrant(
                  "analyst",
                  "",
                  false,
                  List.of("arn:aws:iam::123456789012:role/teams/bi/BiTeam"),
                  Map.of(
                      "bank_transactions",
                      new DatasetGrant("bank_transactions", List.of(), List.of(), null)),
                  List.of(),
                  List.of()),
              "admin",
              RoleGrant.admin("admin", "", List.of("arn:aws:iam::123456789012:user/ops"))));
  private final RoleResolver resolver = new RoleResolver(policy, Map.of(ANALYST_ROLE, "analyst"));

  @Test
  void assumedRoleSessionOfAGeneratedRoleHoldsItsStrataRole() {
    Caller caller =
        resolver.resolve(
            Optional.of("arn:aws:sts::123456789012:assumed-role/StrataAnalyst/alice@example.com"));

    assertThat(caller.role().name()).isEqualTo("analyst");
    assertThat(caller.principal().arn()).isEqualTo(ANALYST_ROLE);
  }

  @Test
  void listedPrincipalWithAPathMatchesItsSessionsWhichCarryNoPath() {
    assertThat(
            resolver
                .resolve(Optional.of("arn:aws:sts::123456789012:assumed-role/BiTeam/job-17"))
                .role()
                .name())
        .isEqualTo("analyst");
    assertThat(resolver.resolve(Optional.of("arn:aws:iam::123456789012:user/ops")).role().admin())
        .isTrue();
  }

  @Test
  void sameRoleNameInAnotherAccountHoldsNoRole() {
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    Optional.of("arn:aws:sts::999999999999:assumed-role/StrataAnalyst/mallory")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.code()).isEqualTo("no_role");
            })
        .hasMessage(
            "Principal arn:aws:iam::999999999999:role/StrataAnalyst holds no Strata role:"
                + " access.yaml does not list it");
  }

  @Test
  void callerWithoutIdentityOrWithGarbageIsRefused() {
    assertThatThrownBy(() -> resolver.resolve(Optional.empty()))
        .isInstanceOf(ApiException.class)
        .hasMessage("Cannot identify the caller: the request carries no IAM identity");
    assertThatThrownBy(() -> resolver.resolve(Optional.of("admin' OR 1=1 --\n")))
        .isInstanceOf(ApiException.class)
        .hasMessage(
            "Cannot identify the caller: 'admin' OR 1=1 --?' is not an IAM role, user or"
                + " assumed-role ARN");
  }

  @Test
  void generatedRoleNamingAnUnknownStrataRoleIsAConfigurationError() {
    assertThatThrownBy(() -> new RoleResolver(policy, Map.of(ANALYST_ROLE, "auditor")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot map generated role " + ANALYST_ROLE + ": access.yaml has no role auditor");
  }

  @Test
  void parsesRolesUsersAndSessionsInOtherPartitions() {
    assertThat(IamPrincipal.parse("arn:aws-cn:sts::123456789012:assumed-role/R/s"))
        .contains(new IamPrincipal("aws-cn", "123456789012", IamPrincipal.Kind.ROLE, "R"));
    assertThat(IamPrincipal.parse("arn:aws:iam::123456789012:user/a/b/carol"))
        .contains(new IamPrincipal("aws", "123456789012", IamPrincipal.Kind.USER, "carol"));
    assertThat(IamPrincipal.parse("arn:aws:iam::123456789012:group/admins")).isEmpty();
    assertThat(IamPrincipal.parse("arn:aws:iam::12345:role/R")).isEmpty();
  }
}
