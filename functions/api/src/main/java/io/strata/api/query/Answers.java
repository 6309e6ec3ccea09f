package io.strata.api.query;

import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * HTTP answers for a query: 200 with the rows (or an export's manifest) once it is done, 202 with
 * the query id, a {@code Location} to poll and {@code Retry-After} while it runs.
 */
public final class Answers {

  private Answers() {}

  public static Response of(QueryAnswer answer) {
    if ("SUCCEEDED".equals(answer.state())) {
      return Response.ok(answer).build();
    }
    return Response.accepted(answer)
        .location(URI.create("/queries/" + answer.queryId()))
        .header("Retry-After", "1")
        .build();
  }
}
