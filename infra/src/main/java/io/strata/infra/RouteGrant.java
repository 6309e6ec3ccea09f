package io.strata.infra;

import java.util.Objects;

/**
 * One method and concrete resource path a consumer role may invoke, e.g. {@code POST
 * /datasets/telecom_usage/query} or {@code GET /queries/*}.
 */
public record RouteGrant(String method, String resourcePath) {

  public RouteGrant {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(resourcePath, "resourcePath");
    if (!resourcePath.matches("/[A-Za-z0-9_/*-]*")) {
      throw new IllegalArgumentException(
          "Cannot grant route " + method + " " + resourcePath + ": not a plain resource path");
    }
  }

  @Override
  public String toString() {
    return method + " " + resourcePath;
  }
}
