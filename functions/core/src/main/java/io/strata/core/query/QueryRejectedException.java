package io.strata.core.query;

import java.util.Objects;

/**
 * A query or report request that cannot run as asked; the message names the field ({@code
 * filters[1].value: ...}) or, for {@link Problem#FORBIDDEN}, the role and the rule.
 */
public class QueryRejectedException extends RuntimeException {

  private final Problem problem;

  public QueryRejectedException(Problem problem, String message) {
    super(message);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  public Problem problem() {
    return problem;
  }
}
