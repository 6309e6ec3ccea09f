package io.strata.infra;

import io.strata.core.access.RoleGrant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which API routes a Strata role needs, derived from its grants: deny by default, so a consumer's
 * IAM role may invoke only these.
 */
public final class RouteAccess {

  private RouteAccess() {}

  /**
   * The routes for the role: listing datasets and reading its own queries always; describing and
   * querying each visible dataset and reading its quality and quarantine reports; exporting each
   * export dataset; listing reports and running each of its reports. An admin gets every route.
   */
  public static List<RouteGrant> routesFor(RoleGrant role) {
    if (role.admin()) {
      return Arrays.stream(ApiRoute.values())
          .map(r -> r.path().contains("{") ? r.with("*") : r.plain())
          .toList();
    }
    List<RouteGrant> routes = new ArrayList<>();
    routes.add(ApiRoute.LIST_DATASETS.plain());
    routes.add(ApiRoute.GET_QUERY.with("*"));
    for (String dataset : role.datasets().keySet()) {
      routes.add(ApiRoute.DESCRIBE_DATASET.with(dataset));
      routes.add(ApiRoute.QUERY_DATASET.with(dataset));
      routes.add(ApiRoute.DATASET_QUALITY.with(dataset));
      routes.add(ApiRoute.LIST_QUARANTINE.with(dataset));
      routes.add(ApiRoute.GET_QUARANTINE.with(dataset, "*"));
    }
    for (String dataset : role.exports()) {
      routes.add(ApiRoute.EXPORT_DATASET.with(dataset));
    }
    if (!role.reports().isEmpty()) {
      routes.add(ApiRoute.LIST_REPORTS.plain());
    }
    for (String report : role.reports()) {
      routes.add(ApiRoute.RUN_REPORT.with(report));
    }
    return List.copyOf(routes);
  }
}
