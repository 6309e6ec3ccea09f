package io.strata.local.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.SqlStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DuckDbCompletionListenerTest {

  private final Map<String, QueryStatus> told = new ConcurrentHashMap<>();
  private DuckDbQueryEngine engine;

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private DuckDbQueryEngine engine(Consumer<QueryStatus> onDone) {
    engine =
        new DuckDbQueryEngine(
            new DuckDbEngineSettings(1, 1, 100, 10),
            new EngineFixtures.TickingClock(),
            statement -> "",
            onDone);
    return engine;
  }

  @Test
  void listenerIsToldTheFinalStatusOfQueriesNobodyPolls() {
    // given
    engine(status -> told.put(status.queryId(), status));

    // when
    String succeeded =
        engine.start(new SqlStatement("SELECT range FROM range(3)", List.of()), null);
    String failed = engine.start(new SqlStatement("SELECT * FROM no_such_table", List.of()), null);

    // then
    await().atMost(Duration.ofSeconds(30)).until(() -> told.size() == 2);
    assertThat(told.get(succeeded).state()).isEqualTo(QueryState.SUCCEEDED);
    assertThat(told.get(succeeded).outputRows()).isEqualTo(3L);
    assertThat(told.get(succeeded).completedAt()).isNotNull();
    assertThat(told.get(failed).state()).isEqualTo(QueryState.FAILED);
    assertThat(told.get(failed).failureReason()).contains("no_such_table");
  }

  @Test
  void failingListenerLeavesTheQueryItsOutcome() {
    // given
    engine(
        status -> {
          told.put(status.queryId(), status);
          throw new IllegalStateException("listener broke");
        });

    // when
    String queryId = engine.start(new SqlStatement("SELECT 42 AS answer", List.of()), null);

    // then
    await().atMost(Duration.ofSeconds(30)).until(() -> told.containsKey(queryId));
    assertThat(engine.status(queryId).state()).isEqualTo(QueryState.SUCCEEDED);
    assertThat(engine.results(queryId, null, 10).rows()).containsExactly(List.of(42L));
  }
}
