package io.strata.infra;

/** The routes of the query API (issue 4), each behind IAM authorization. */
public enum ApiRoute {
  LIST_DATASETS("GET", "/datasets"),
  DESCRIBE_DATASET("GET", "/datasets/{dataset}"),
  QUERY_DATASET("POST", "/datasets/{dataset}/query"),
  GET_QUERY("GET", "/queries/{queryId}"),
  LIST_REPORTS("GET", "/reports"),
  RUN_REPORT("POST", "/reports/{name}"),
  EXPORT_DATASET("POST", "/datasets/{dataset}/exports"),
  DATASET_QUALITY("GET", "/datasets/{dataset}/quality");

  private final String method;
  private final String path;

  ApiRoute(String method, String path) {
    this.method = method;
    this.path = path;
  }

  public String method() {
    return method;
  }

  /** The path as API Gateway declares it, with {@code {parameter}} placeholders. */
  public String path() {
    return path;
  }

  /** This route with its one path parameter (if any) bound to a value or to {@code *}. */
  public RouteGrant with(String parameterValue) {
    return new RouteGrant(method, path.replaceAll("\\{[A-Za-z]+}", parameterValue));
  }

  /** This route without a path parameter. */
  public RouteGrant plain() {
    if (path.contains("{")) {
      throw new IllegalStateException("Route " + path + " needs a parameter value");
    }
    return new RouteGrant(method, path);
  }
}
