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
        .hasSize(13);
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
            "GET /datasets/*/quality",
            "GET /datasets/*/quarantine",
            "GET /datasets/*/quarantine/*");
  }

  @Test
  void grantsTheQuarantineReportsOfEachVisibleDatasetAndNoOther() {
    RoleGrant analyst =
        new RoleGrant(
            "analyst",
            "",
            false,
            List.of(),
            Map.of("bank_transactions", DatasetGrant.unrestricted("bank_transactions")),
            List.of(),
            List.of());

    assertThat(RouteAccess.routesFor(analyst))
        .extracting(RouteGrant::toString)
        .contains(
            "GET /datasets/bank_transactions/quarantine",
            "GET /datasets/bank_transactions/quarantine/*")
        .noneMatch(route -> route.contains("telecom_usage"));
  }

  @Test
  void bindsEachPathParameterInOrderAndRefusesAMismatch() {
    assertThat(ApiRoute.GET_QUARANTINE.with("bank_transactions", "0123abcd").toString())
        .isEqualTo("GET /datasets/bank_transactions/quarantine/0123abcd");
    assertThat(ApiRoute.GET_QUARANTINE.with("*").toString())
        .isEqualTo("GET /datasets/*/quarantine/*");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ApiRoute.GET_QUARANTINE.with("a", "b", "c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Route /datasets/{dataset}/quarantine/{batchId} has 2 parameters, given 3");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ApiRoute.GET_QUARANTINE.with("bank_transactions"))
        .as("one dataset name must not bind the batch id too")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Route /datasets/{dataset}/quarantine/{batchId} has 2 parameters, given 1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiRoute.LIST_DATASETS.with("x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
