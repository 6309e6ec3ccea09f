package io.strata.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.access.DatasetGrant;
import io.strata.core.access.RoleGrant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteAccessTest {

  @Test
  void grantsReportRoutesOnlyForTheRolesReports() {
    RoleGrant reporting =
        new RoleGrant(
            "reporting",
            "",
            false,
            List.of(),
            Map.of(),
            List.of("monthly_volume", "top-counterparties"),
            List.of());

    assertThat(RouteAccess.routesFor(reporting))
        .extracting(RouteGrant::toString)
        .containsExactly(
            "GET /datasets",
            "GET /queries/*",
            "GET /reports",
            "POST /reports/monthly_volume",
            "POST /reports/top-counterparties");
  }

  @Test
  void grantsNeitherDatasetNorReportRoutesToARoleWithoutGrants() {
    RoleGrant nobody =
        new RoleGrant("nobody", "", false, List.of(), Map.of(), List.of(), List.of());

    assertThat(RouteAccess.routesFor(nobody))
        .extracting(RouteGrant::toString)
        .containsExactly("GET /datasets", "GET /queries/*");
  }

  @Test
  void grantsExportsOnlyForExportDatasets() {
    RoleGrant scientist =
        new RoleGrant(
            "scientist",
            "",
            false,
            List.of(),
            Map.of(
                "bank_transactions", DatasetGrant.unrestricted("bank_transactions"),
                "telecom_usage", DatasetGrant.unrestricted("telecom_usage")),
            List.of(),
            List.of("telecom_usage"));

    assertThat(RouteAccess.routesFor(scientist))
        .extracting(RouteGrant::toString)
        .contains("POST /datasets/telecom_usage/exports")
        .doesNotContain("POST /datasets/bank_transactions/exports")
        .hasSize(9);
  }

  @Test
  void grantsAnAdminEveryRouteOfTheApi() {
    assertThat(RouteAccess.routesFor(RoleGrant.admin("ops", "", List.of())))
        .extracting(RouteGrant::toString)
        .containsExactly(
            "GET /datasets",
            "GET /datasets/*",
            "POST /datasets/*/query",
            "GET /queries/*",
            "GET /reports",
            "POST /reports/*",
            "POST /datasets/*/exports",
            "GET /datasets/*/quality");
  }
}
