package io.strata.local.query;

import static org.awaitility.Awaitility.await;

import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Helpers the DuckDB engine tests share: a clock that ticks per call and waiting for a state. */
final class EngineFixtures {

  /** Runs for hours unless cancelled: keeps a query thread busy. */
  static final String ENDLESS = "SELECT sum(hash(range)) AS s FROM range(1000000000000)";

  static final Instant T0 = Instant.parse("2024-01-14T08:30:00Z");

  private EngineFixtures() {}

  static QueryStatus awaitDone(QueryEngine engine, String queryId) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> engine.status(queryId), status -> status.state().done());
  }

  static QueryStatus awaitState(QueryEngine engine, String queryId, QueryState state) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> engine.status(queryId), status -> status.state() == state);
  }

  static String sqlPath(java.nio.file.Path path) {
    return path.toString().replace("'", "''");
  }

  /** Answers T0, T0 + 1 s, T0 + 2 s, … one second more on every call. */
  static final class TickingClock extends Clock {
    private final AtomicLong calls = new AtomicLong();

    @Override
    public Instant instant() {
      return T0.plusSeconds(calls.getAndIncrement());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
