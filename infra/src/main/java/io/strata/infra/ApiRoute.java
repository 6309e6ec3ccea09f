package io.strata.infra;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The routes of the query API (issue 4), each behind IAM authorization. */
public enum ApiRoute {
  LIST_DATASETS("GET", "/datasets"),
  DESCRIBE_DATASET("GET", "/datasets/{dataset}"),
  QUERY_DATASET("POST", "/datasets/{dataset}/query"),
  GET_QUERY("GET", "/queries/{queryId}"),
  LIST_REPORTS("GET", "/reports"),
  RUN_REPORT("POST", "/reports/{name}"),
  EXPORT_DATASET("POST", "/datasets/{dataset}/exports"),
  DATASET_QUALITY("GET", "/datasets/{dataset}/quality"),
  LIST_QUARANTINE("GET", "/datasets/{dataset}/quarantine"),
  GET_QUARANTINE("GET", "/datasets/{dataset}/quarantine/{batchId}");

  private static final Pattern PARAMETER = Pattern.compile("\\{[A-Za-z]+}");

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

  /**
   * This route with its path parameters bound, in order, to values; a single {@code *} binds every
   * parameter.
   *
   * @throws IllegalArgumentException when the values do not match the route's parameters
   */
  public RouteGrant with(String... parameterValues) {
    boolean everyParameter = parameterValues.length == 1 && parameterValues[0].equals("*");
    Matcher parameters = PARAMETER.matcher(path);
    StringBuilder bound = new StringBuilder();
    int count = 0;
    while (parameters.find()) {
      if (!everyParameter && count >= parameterValues.length) {
        break;
      }
      String value = everyParameter ? "*" : parameterValues[count];
      parameters.appendReplacement(bound, Matcher.quoteReplacement(value));
      count++;
    }
    int declared = (int) PARAMETER.matcher(path).results().count();
    if (declared == 0 || (!everyParameter && parameterValues.length != declared)) {
      throw new IllegalArgumentException(
          "Route " + path + " has " + declared + " parameters, given " + parameterValues.length);
    }
    parameters.appendTail(bound);
    return new RouteGrant(method, bound.toString());
  }

  /** This route without a path parameter. */
  public RouteGrant plain() {
    if (path.contains("{")) {
      throw new IllegalStateException("Route " + path + " needs a parameter value");
    }
    return new RouteGrant(method, path);
  }
}
