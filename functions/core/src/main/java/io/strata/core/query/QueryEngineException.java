package io.strata.core.query;

import java.util.Objects;

/** A query engine refused or failed a request; messages read "Cannot <action> <subject>: …". */
public class QueryEngineException extends RuntimeException {

  /** Why, in the terms the API answers with. */
  public enum Reason {
    /** No query with that id, or its results are gone (404). */
    NOT_FOUND,
    /** The engine asked us to slow down and retries did not help (429). */
    THROTTLED,
    /** The engine cannot be reached or is overloaded (503). */
    UNAVAILABLE,
    /**
     * The query is not in a state that allows the request, e.g. results of a running query (409).
     */
    CONFLICT,
    /** A page token the engine never issued for this query, forged or altered (400). */
    INVALID_TOKEN,
    /** The request token was used before for a different statement (422). */
    TOKEN_REUSED,
    /** The engine rejected or failed the statement (502: our SQL or the engine's fault). */
    FAILED
  }

  private final Reason reason;

  public QueryEngineException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public QueryEngineException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
