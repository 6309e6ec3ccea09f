package io.strata.local.query;

import static io.strata.local.query.EngineFixtures.T0;
import static io.strata.local.query.EngineFixtures.awaitDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.query.QueryEngineException;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.ResultColumn;
import io.strata.core.query.ResultPage;
import io.strata.core.query.SqlStatement;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DuckDbQueryEngineTest {

  private final DuckDbQueryEngine engine =
      new DuckDbQueryEngine(DuckDbEngineSettings.defaults(), new EngineFixtures.TickingClock());

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void bindsParametersOfEveryTypeAndReturnsThemTypedForJson() {
    // given
    String injection = "O'Brien'); DROP TABLE orders; -- \"x\"";
    SqlStatement statement =
        new SqlStatement(
            "SELECT ? AS s, ? AS b, ? AS i, ? AS l, ? AS d, ? AS m, ? AS day, ? AS at",
            List.of(
                injection,
                true,
                7,
                9L,
                2.5,
                new BigDecimal("12.34"),
                LocalDate.of(2024, 1, 14),
                Instant.parse("2024-01-14T08:30:00.123456Z")));

    // when
    String id = engine.start(statement, null);
    awaitDone(engine, id);
    ResultPage page = engine.results(id, null, 10);

    // then
    assertThat(page.columns())
        .containsExactly(
            new ResultColumn("s", "varchar"),
            new ResultColumn("b", "boolean"),
            new ResultColumn("i", "integer"),
            new ResultColumn("l", "bigint"),
            new ResultColumn("d", "double"),
            new ResultColumn("m", "decimal(4,2)"),
            new ResultColumn("day", "date"),
            new ResultColumn("at", "timestamp"));
    assertThat(page.rows())
        .containsExactly(
            List.of(
                injection,
                true,
                7L,
                9L,
                2.5,
                new BigDecimal("12.34"),
                "2024-01-14",
                "2024-01-14T08:30:00.123456Z"));
    assertThat(page.nextToken()).isNull();
  }

  @Test
  void comparesAQuotedParameterAsDataNotAsSql() {
    // given
    SqlStatement statement =
        new SqlStatement(
            "SELECT v FROM (VALUES ('plain'), ('it''s; DELETE')) t(v) WHERE v = ?",
            List.of("it's; DELETE"));

    // when
    String id = engine.start(statement, null);
    awaitDone(engine, id);

    // then
    assertThat(engine.results(id, null, 10).rows()).containsExactly(List.of("it's; DELETE"));
  }

  @Test
  void namesColumnTypesLikeAthenaAndWritesInstantsInUtc() {
    // given
    SqlStatement statement =
        new SqlStatement(
            "SELECT 42::BIGINT AS l, 1.5::DECIMAL(18,2) AS m,"
                + " TIMESTAMP '2024-01-14 08:30:00' AS ts,"
                + " TIMESTAMP '2024-01-14 08:30:00.000123' AS micros,"
                + " TIMESTAMPTZ '2024-01-14 09:30:00+01' AS tz,"
                + " NULL::VARCHAR AS nothing, 'nan'::DOUBLE AS nan, 3::HUGEINT AS huge",
            List.of());

    // when
    String id = engine.start(statement, null);
    awaitDone(engine, id);
    ResultPage page = engine.results(id, null, 10);

    // then
    assertThat(page.columns())
        .extracting(ResultColumn::type)
        .containsExactly(
            "bigint",
            "decimal(18,2)",
            "timestamp",
            "timestamp",
            "timestamp",
            "varchar",
            "double",
            "bigint");
    assertThat(page.rows())
        .containsExactly(
            Arrays.asList(
                42L,
                new BigDecimal("1.50"),
                "2024-01-14T08:30:00Z",
                "2024-01-14T08:30:00.000123Z",
                "2024-01-14T08:30:00Z",
                null,
                "NaN",
                3L));
  }

  @Test
  void reportsStatementTimesAndRowCountOfASucceededQuery() {
    // given
    SqlStatement statement = new SqlStatement("SELECT range AS n FROM range(3)", List.of());

    // when
    String id = engine.start(statement, null);
    QueryStatus status = awaitDone(engine, id);

    // then
    assertThat(status)
        .isEqualTo(
            new QueryStatus(
                id,
                QueryState.SUCCEEDED,
                "SELECT range AS n FROM range(3)",
                null,
                0,
                3L,
                T0,
                T0.plusSeconds(1)));
  }

  @Test
  void pagesThroughRowsWithOpaqueTokens() {
    // given
    String id =
        engine.start(new SqlStatement("SELECT range AS n FROM range(2500)", List.of()), null);
    awaitDone(engine, id);

    // when
    ResultPage first = engine.results(id, null, 1000);
    ResultPage second = engine.results(id, first.nextToken(), 1000);
    ResultPage last = engine.results(id, second.nextToken(), 1000);

    // then
    assertThat(first.rows()).hasSize(1000);
    assertThat(first.rows().get(0)).containsExactly(0L);
    assertThat(first.nextToken()).doesNotContain(id);
    assertThat(second.rows()).hasSize(1000);
    assertThat(second.rows().get(0)).containsExactly(1000L);
    assertThat(last.rows()).hasSize(500);
    assertThat(last.rows().get(499)).containsExactly(2499L);
    assertThat(last.nextToken()).isNull();
    assertThat(last.columns()).containsExactly(new ResultColumn("n", "bigint"));
  }

  @Test
  void answersAnEmptyResultWithItsColumnsAndNoToken() {
    // given
    String id = engine.start(new SqlStatement("SELECT 1 AS n WHERE false", List.of()), null);
    awaitDone(engine, id);

    // when
    ResultPage page = engine.results(id, null, 10);

    // then
    assertThat(page.columns()).containsExactly(new ResultColumn("n", "integer"));
    assertThat(page.rows()).isEmpty();
    assertThat(page.nextToken()).isNull();
    assertThat(engine.status(id).outputRows()).isZero();
  }

  @Test
  void failsAStatementWithTheFirstLineOfDuckDbsMessage() {
    // given
    String id = engine.start(new SqlStatement("SELECT * FROM missing_table", List.of()), null);

    // when
    QueryStatus status = awaitDone(engine, id);

    // then
    assertThat(status.state()).isEqualTo(QueryState.FAILED);
    assertThat(status.failureReason())
        .isEqualTo("Catalog Error: Table with name missing_table does not exist!");
    assertThat(status.completedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(status.outputRows()).isNull();
    assertThatThrownBy(() -> engine.results(id, null, 10))
        .isInstanceOf(QueryEngineException.class)
        .hasMessage("Cannot read results of query " + id + ": it is FAILED")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(QueryEngineException.Reason.CONFLICT);
  }

  @Test
  void failsAStatementWithMorePlaceholdersThanParameters() {
    // given
    String id = engine.start(new SqlStatement("SELECT ? AS a, ? AS b", List.of(1)), null);

    // when
    QueryStatus status = awaitDone(engine, id);

    // then
    assertThat(status.state()).isEqualTo(QueryState.FAILED);
    assertThat(status.failureReason())
        .isEqualTo("Cannot run query: its statement has 2 placeholders but 1 parameters");
  }

  @Test
  void answersNotFoundForAnUnknownQueryId() {
    assertThatThrownBy(() -> engine.status("no-such-id"))
        .isInstanceOf(QueryEngineException.class)
        .hasMessage("Cannot read status of query no-such-id: no such query")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(QueryEngineException.Reason.NOT_FOUND);
    assertThatThrownBy(() -> engine.results("no-such-id", null, 10))
        .isInstanceOf(QueryEngineException.class)
        .hasMessage("Cannot read results of query no-such-id: no such query")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(QueryEngineException.Reason.NOT_FOUND);
  }

  @Test
  void refusesPageTokensOfAnotherQueryOrGarbage() {
    // given
    String one = engine.start(new SqlStatement("SELECT range FROM range(5)", List.of()), null);
    String other = engine.start(new SqlStatement("SELECT range FROM range(6)", List.of()), null);
    awaitDone(engine, one);
    awaitDone(engine, other);
    String tokenOfOther = engine.results(other, null, 2).nextToken();

    // when / then
    assertThatThrownBy(() -> engine.results(one, tokenOfOther, 2))
        .isInstanceOf(QueryEngineException.class)
        .hasMessage(
            "Cannot read results of query "
                + one
                + " with that page token: it belongs to another query")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(QueryEngineException.Reason.INVALID_TOKEN);
    assertThatThrownBy(() -> engine.results(one, "%%not base64%%", 2))
        .isInstanceOf(QueryEngineException.class)
        .hasMessage(
            "Cannot read results of query "
                + one
                + " with that page token: it is not a page token of this engine")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(QueryEngineException.Reason.INVALID_TOKEN);
    assertThatThrownBy(() -> engine.results(one, PageTokens.encode(one, 5), 2))
        .isInstanceOf(QueryEngineException.class)
        .hasMessage(
            "Cannot read results of query "
                + one
                + " with that page token: it points past the query's 5 rows")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(QueryEngineException.Reason.INVALID_TOKEN);
  }

  @Test
  void refusesPageSizesOutsideTheAthenaRange() {
    // given
    String id = engine.start(new SqlStatement("SELECT 1 AS n", List.of()), null);
    awaitDone(engine, id);

    // when / then
    assertThatThrownBy(() -> engine.results(id, null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read results of query " + id + ": page size must be 1 to 1000, not 0");
    assertThatThrownBy(() -> engine.results(id, null, 1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot read results of query " + id + ": page size must be 1 to 1000, not 1001");
  }
}
