package io.strata.local.query;

import static io.strata.local.query.EngineFixtures.ENDLESS;
import static io.strata.local.query.EngineFixtures.awaitDone;
import static io.strata.local.query.EngineFixtures.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.query.QueryEngineException;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.SqlStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DuckDbQueryEngineLifecycleTest {

  private DuckDbQueryEngine engine;

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private DuckDbQueryEngine engine(int queryThreads, int maxRowsKept, int maxQueriesKept) {
    engine =
        new DuckDbQueryEngine(
            new DuckDbEngineSettings(queryThreads, 2, maxRowsKept, maxQueriesKept),
            new EngineFixtures.TickingClock());
    return engine;
  }

  private static SqlStatement rows(int count) {
    return new SqlStatement("SELECT range AS n FROM range(" + count + ")", List.of());
  }

  @Test
  void refusesResultsOfQueriesStillRunningOrQueued() {
    // given one query thread, busy with a query that does not end
    engine(1, 100, 10);
    String running = engine.start(new SqlStatement(ENDLESS, List.of()), null);
    awaitState(engine, running, QueryState.RUNNING);

    // when
    String queued = engine.start(rows(1), null);

    // then
    assertThat(engine.status(queued).state()).isEqualTo(QueryState.QUEUED);
    assertThat(engine.status(queued).completedAt()).isNull();
    assertThatThrownBy(() -> engine.results(running, null, 10))
        .isInstanceOf(QueryEngineException.class)
        .hasMessage("Cannot read results of query " + running + ": it is RUNNING")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(QueryEngineException.Reason.CONFLICT);
    assertThatThrownBy(() -> engine.results(queued, null, 10))
        .isInstanceOf(QueryEngineException.class)
        .hasMessage("Cannot read results of query " + queued + ": it is QUEUED");
  }

  @Test
  void cancelsRunningAndQueuedQueriesWhenClosed() {
    // given
    engine(1, 100, 10);
    String running = engine.start(new SqlStatement(ENDLESS, List.of()), null);
    awaitState(engine, running, QueryState.RUNNING);
    String queued = engine.start(rows(1), null);

    // when
    engine.close();

    // then
    for (String id : List.of(running, queued)) {
      QueryStatus status = engine.status(id);
      assertThat(status.state()).isEqualTo(QueryState.CANCELLED);
      assertThat(status.failureReason()).isEqualTo("Cannot finish query: the engine was closed");
    }
    assertThatThrownBy(() -> engine.start(rows(1), null))
        .isInstanceOf(QueryEngineException.class)
        .hasMessage("Cannot start query: the engine is closed")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(QueryEngineException.Reason.UNAVAILABLE);
  }

  @Test
  void startsOnceForTheSameRequestToken() {
    // given
    engine(2, 100, 10);
    String first = engine.start(rows(2), "token-1");

    // when
    String again = engine.start(rows(2), "token-1");
    String other = engine.start(rows(2), "token-2");
    String untokened = engine.start(rows(2), null);

    // then
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(untokened).isNotIn(first, other);
    assertThatThrownBy(() -> engine.start(rows(3), "token-1"))
        .isInstanceOf(QueryEngineException.class)
        .hasMessage(
            "Cannot start query: request token token-1 was used for another statement by query "
                + first)
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(QueryEngineException.Reason.TOKEN_REUSED);
  }

  @Test
  void forgetsTheLeastRecentlyUsedQueryBeyondItsCap() {
    // given
    engine(2, 100, 2);
    String first = engine.start(rows(1), "first");
    String second = engine.start(rows(1), null);
    awaitDone(engine, first);
    awaitDone(engine, second);
    engine.status(first);

    // when
    String third = engine.start(rows(1), null);
    awaitDone(engine, third);

    // then
    assertThat(engine.status(first).state()).isEqualTo(QueryState.SUCCEEDED);
    assertThat(engine.status(third).state()).isEqualTo(QueryState.SUCCEEDED);
    assertThatThrownBy(() -> engine.status(second))
        .isInstanceOf(QueryEngineException.class)
        .hasMessage("Cannot read status of query " + second + ": no such query");
  }

  @Test
  void startsAgainWithTheTokenOfAForgottenQuery() {
    // given
    engine(2, 100, 1);
    String first = engine.start(rows(1), "token-1");
    awaitDone(engine, first);
    engine.start(rows(1), null);

    // when
    String again = engine.start(rows(1), "token-1");

    // then
    assertThat(again).isNotEqualTo(first);
    assertThat(awaitDone(engine, again).state()).isEqualTo(QueryState.SUCCEEDED);
  }

  @Test
  void dropsTheOldestResultsBeyondTheRowCapButKeepsTheirStatus() {
    // given
    engine(2, 10, 10);
    String older = engine.start(rows(6), null);
    awaitDone(engine, older);

    // when
    String newer = engine.start(rows(6), null);
    awaitDone(engine, newer);

    // then
    assertThat(engine.status(older).state()).isEqualTo(QueryState.SUCCEEDED);
    assertThat(engine.status(older).outputRows()).isEqualTo(6L);
    assertThatThrownBy(() -> engine.results(older, null, 10))
        .isInstanceOf(QueryEngineException.class)
        .hasMessage(
            "Cannot read results of query "
                + older
                + ": they were dropped to keep memory bounded; run it again")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(QueryEngineException.Reason.NOT_FOUND);
    assertThat(engine.results(newer, null, 10).rows()).hasSize(6);
  }

  @Test
  void failsAQueryWhoseResultExceedsTheRowCap() {
    // given
    engine(2, 10, 10);

    // when
    String id = engine.start(rows(11), null);
    QueryStatus status = awaitDone(engine, id);

    // then
    assertThat(status.state()).isEqualTo(QueryState.FAILED);
    assertThat(status.failureReason())
        .isEqualTo(
            "Cannot keep results of query: it returned more than 10 rows; narrow it or export it");
  }

  @Test
  void oneCallersLargeResultsNeverEvictAnotherCallersPages() {
    // given a share of 10 rows per caller and 22 in all; the caller is named in the statement
    engine =
        new DuckDbQueryEngine(
            new DuckDbEngineSettings(2, 2, 22, 50, 10, Duration.ofMinutes(1)),
            new EngineFixtures.TickingClock(),
            statement -> statement.sql().substring(3, statement.sql().indexOf(" */")));
    String admins = awaitSucceeded(engine.start(rowsOf("admin", 6), null));
    String firstPage = engine.results(admins, null, 3).nextToken();

    // when one heavy caller keeps asking for results as large as its share
    List<String> heavy = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      heavy.add(awaitSucceeded(engine.start(rowsOf("heavy", 10 - i), null)));
    }

    // then it loses its own older results, never the admin's pages
    assertThat(engine.results(admins, firstPage, 3).rows()).hasSize(3);
    assertThatThrownBy(() -> engine.results(heavy.get(0), null, 10))
        .hasMessageEndingWith("they were dropped to keep memory bounded; run it again");
    assertThatThrownBy(() -> engine.results(heavy.get(1), null, 10))
        .hasMessageEndingWith("they were dropped to keep memory bounded; run it again");
    assertThat(engine.results(heavy.get(2), null, 10).rows()).hasSize(8);

    // when a third caller's result pushes the total over 22 rows
    String other = awaitSucceeded(engine.start(rowsOf("other", 10), null));

    // then the caller holding the most rows gives way, still not the admin
    assertThat(engine.results(other, null, 10).rows()).hasSize(10);
    assertThat(engine.results(admins, firstPage, 3).rows()).hasSize(3);
    assertThatThrownBy(() -> engine.results(heavy.get(2), null, 10))
        .hasMessageEndingWith("they were dropped to keep memory bounded; run it again");
  }

  @Test
  void cancelsAQueryThatRunsLongerThanTheTimeoutAndFreesItsThread() {
    // given one query thread and a one-second timeout
    engine =
        new DuckDbQueryEngine(
            new DuckDbEngineSettings(1, 2, 100, 10, 100, Duration.ofSeconds(1)),
            new EngineFixtures.TickingClock());
    long started = System.nanoTime();

    // when
    String endless = engine.start(new SqlStatement(ENDLESS, List.of()), null);
    String next = engine.start(rows(1), null);
    QueryStatus status = awaitDone(engine, endless);

    // then
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertThat(status.state()).isEqualTo(QueryState.FAILED);
    assertThat(status.failureReason())
        .isEqualTo(
            "Cannot finish query: it ran longer than the 1 s the local lake allows a query;"
                + " narrow it or export it");
    assertThat(awaitDone(engine, next).state()).isEqualTo(QueryState.SUCCEEDED);
  }

  private String awaitSucceeded(String queryId) {
    assertThat(awaitDone(engine, queryId).state()).isEqualTo(QueryState.SUCCEEDED);
    return queryId;
  }

  private static SqlStatement rowsOf(String owner, int count) {
    return new SqlStatement(
        "/* " + owner + " */ SELECT range AS n FROM range(" + count + ")", List.of());
  }
}
