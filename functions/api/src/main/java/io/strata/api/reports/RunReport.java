package io.strata.api.reports;

import java.util.Map;

/** The body of {@code POST /reports/{name}}: the report's parameters by name. */
public record RunReport(Map<String, Object> parameters) {

  public RunReport {
    parameters = parameters == null ? Map.of() : parameters;
  }
}
