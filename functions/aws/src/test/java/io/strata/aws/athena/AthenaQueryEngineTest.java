package io.strata.aws.athena;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.strata.aws.athena.AthenaFixtures.column;
import static io.strata.aws.athena.AthenaFixtures.execution;
import static io.strata.aws.athena.AthenaFixtures.results;
import static io.strata.aws.athena.AthenaFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.strata.core.query.QueryEngineException;
import io.strata.core.query.QueryEngineException.Reason;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.ResultColumn;
import io.strata.core.query.ResultPage;
import io.strata.core.query.SqlStatement;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.athena.AthenaClient;

/** The Athena adapter against WireMock standing in for Athena, through the real SDK. */
class AthenaQueryEngineTest {

  @RegisterExtension
  static final WireMockExtension ATHENA =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String QUERY_ID = "5d1e3c1a-77b2-4d4e-9a53-0c0f3f1f2b11";
  private static final String SQL =
      "SELECT \"iban\" FROM \"lake\".\"bank_transactions\" WHERE \"amount\" > ?";

  private AthenaClient client;
  private AthenaQueryEngine engine;

  @BeforeEach
  void connect() {
    client = client(3);
    engine = new AthenaQueryEngine(client, "strata", "lake", 15);
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void startsInTheWorkgroupAndDatabaseWithRenderedParametersHashedTokenAndResultReuse() {
    // given
    ATHENA.stubFor(athena("StartQueryExecution").willReturn(ok(queryId())));
    SqlStatement statement =
        new SqlStatement(
            "SELECT * FROM t WHERE a = ? AND b < ? AND c = ? AND d >= ?",
            List.of(
                "'; DROP TABLE x; --",
                new BigDecimal("12.50"),
                LocalDate.of(2024, 1, 14),
                Instant.parse("2024-01-14T08:30:00.123456Z")));

    // when
    String queryId = engine.start(statement, "req-1", true);

    // then
    assertThat(queryId).isEqualTo(QUERY_ID);
    ATHENA.verify(
        1,
        called("StartQueryExecution")
            .withRequestBody(
                equalToJson(
                    """
                    {
                      "QueryString": "SELECT * FROM t WHERE a = ? AND b < ? AND c = ? AND d >= ?",
                      "WorkGroup": "strata",
                      "QueryExecutionContext": {"Database": "lake"},
                      "ExecutionParameters": [
                        "'''; DROP TABLE x; --'",
                        "DECIMAL '12.50'",
                        "DATE '2024-01-14'",
                        "TIMESTAMP '2024-01-14 08:30:00.123456'"
                      ],
                      "ClientRequestToken": "9456bdfa12ea76959c94a3572f5d91c73d838622df0a8d9b4e815c276c6b7880",
                      "ResultReuseConfiguration": {
                        "ResultReuseByAgeConfiguration": {"Enabled": true, "MaxAgeInMinutes": 15}
                      }
                    }
                    """)));
  }

  @Test
  void startsWithoutParametersOrReuseWhenThereAreNoneAndKeepsATokenOfAcceptedLength() {
    // given
    ATHENA.stubFor(athena("StartQueryExecution").willReturn(ok(queryId())));
    AthenaQueryEngine withoutReuse = new AthenaQueryEngine(client, "strata", "lake", 0);
    String token = "a".repeat(32);

    // when
    withoutReuse.start(new SqlStatement("SELECT 1", List.of()), token, true);

    // then
    ATHENA.verify(
        1,
        called("StartQueryExecution")
            .withRequestBody(
                equalToJson(
                    """
                    {"QueryString": "SELECT 1", "WorkGroup": "strata",
                     "QueryExecutionContext": {"Database": "lake"},
                     "ClientRequestToken": "%s"}
                    """
                        .formatted(token))));
  }

  @Test
  void startsWithoutResultReuseWhenTheCallerDoesNotAllowItEvenThoughReuseIsConfigured() {
    // given: the engine reuses results up to 15 minutes old
    ATHENA.stubFor(athena("StartQueryExecution").willReturn(ok(queryId())));
    String token = "c".repeat(32);

    // when
    engine.start(new SqlStatement("SELECT 1", List.of()), token, false);

    // then
    ATHENA.verify(
        1,
        called("StartQueryExecution")
            .withRequestBody(
                equalToJson(
                    """
                    {"QueryString": "SELECT 1", "WorkGroup": "strata",
                     "QueryExecutionContext": {"Database": "lake"},
                     "ClientRequestToken": "%s"}
                    """
                        .formatted(token))));
    assertThat(ATHENA.findAll(called("StartQueryExecution")))
        .singleElement()
        .extracting(LoggedRequest::getBodyAsString)
        .asString()
        .doesNotContain("ResultReuseConfiguration");
  }

  @Test
  void failsTheStartOfAParameterWithoutLiteralBeforeAnythingIsSent() {
    // given
    SqlStatement statement = new SqlStatement("SELECT ? + 1", List.of(Double.NaN));

    // when / then: a failed query, not an error of the server
    assertThatThrownBy(() -> engine.start(statement, null))
        .isExactlyInstanceOf(QueryEngineException.class)
        .hasMessage(
            "Cannot start query in workgroup strata: Cannot bind parameter 1: NaN has no SQL"
                + " literal")
        .hasCauseExactlyInstanceOf(IllegalArgumentException.class)
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(Reason.FAILED);
    ATHENA.verify(0, anyCall());
  }

  @Test
  void failsTheStartOfAParameterAthenaCannotHoldNamingItsPosition() {
    // given
    SqlStatement statement =
        new SqlStatement(
            "SELECT * FROM t WHERE a = ? AND d = ?", List.of("ok", LocalDate.of(10_000, 1, 1)));

    // when / then
    assertThatThrownBy(() -> engine.start(statement, "req-1", true))
        .isExactlyInstanceOf(QueryEngineException.class)
        .hasMessage(
            "Cannot start query in workgroup strata: Cannot bind parameter 2: year 10000 is"
                + " outside 1 to 9999")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(Reason.FAILED);
    ATHENA.verify(0, anyCall());
  }

  @Test
  void keepsTokensAthenaAcceptsAndHashesOthersStably() {
    String shortToken = "req-1";
    String longToken = "b".repeat(129);

    assertThat(AthenaQueryEngine.clientRequestToken(null)).isNull();
    assertThat(AthenaQueryEngine.clientRequestToken("c".repeat(32))).isEqualTo("c".repeat(32));
    assertThat(AthenaQueryEngine.clientRequestToken("d".repeat(128))).isEqualTo("d".repeat(128));
    assertThat(AthenaQueryEngine.clientRequestToken(shortToken))
        .isEqualTo("9456bdfa12ea76959c94a3572f5d91c73d838622df0a8d9b4e815c276c6b7880");
    assertThat(AthenaQueryEngine.clientRequestToken(longToken))
        .hasSize(64)
        .isEqualTo(AthenaQueryEngine.clientRequestToken(longToken))
        .isNotEqualTo(AthenaQueryEngine.clientRequestToken("b".repeat(130)));
  }

  @Test
  void reportsASucceededUnloadWithTheRowsItWroteFromItsUpdateCount() {
    // given
    ATHENA.stubFor(
        athena("GetQueryExecution")
            .withRequestBody(equalToJson("{\"QueryExecutionId\": \"" + QUERY_ID + "\"}"))
            .willReturn(
                ok(
                    execution(
                        QUERY_ID,
                        AthenaFixtures.UNLOAD,
                        "SUCCEEDED",
                        ", \"CompletionDateTime\": " + AthenaFixtures.COMPLETED,
                        52_428_800))));
    ATHENA.stubFor(
        athena("GetQueryResults")
            .withRequestBody(
                equalToJson("{\"QueryExecutionId\": \"" + QUERY_ID + "\", \"MaxResults\": 1}"))
            .willReturn(ok(AthenaFixtures.updateCount(42))));

    // when
    QueryStatus status = engine.status(QUERY_ID);

    // then
    assertThat(status)
        .isEqualTo(
            new QueryStatus(
                QUERY_ID,
                QueryState.SUCCEEDED,
                AthenaFixtures.UNLOAD,
                null,
                52_428_800,
                42L,
                Instant.parse("2024-01-14T08:30:00.123Z"),
                Instant.parse("2024-01-14T08:30:04.500Z")));
    ATHENA.verify(1, called("GetQueryResults"));
    ATHENA.verify(2, anyCall());
  }

  @Test
  void reportsASucceededSelectWithBytesScannedAndTimesInOneRequest() {
    // given
    ATHENA.stubFor(
        athena("GetQueryExecution")
            .willReturn(
                ok(
                    execution(
                        QUERY_ID,
                        "SUCCEEDED",
                        ", \"CompletionDateTime\": " + AthenaFixtures.COMPLETED,
                        52_428_800))));

    // when
    QueryStatus status = engine.status(QUERY_ID);

    // then: a SELECT's rows are counted by paging them, not by another request per poll
    assertThat(status)
        .isEqualTo(
            new QueryStatus(
                QUERY_ID,
                QueryState.SUCCEEDED,
                SQL,
                null,
                52_428_800,
                null,
                Instant.parse("2024-01-14T08:30:00.123Z"),
                Instant.parse("2024-01-14T08:30:04.500Z")));
    ATHENA.verify(1, anyCall());
  }

  @Test
  void reportsARunningUnloadWithoutAskingForItsCount() {
    // given
    ATHENA.stubFor(
        athena("GetQueryExecution")
            .willReturn(ok(execution(QUERY_ID, AthenaFixtures.UNLOAD, "RUNNING", "", 0))));

    // when
    QueryStatus status = engine.status(QUERY_ID);

    // then
    assertThat(status)
        .isEqualTo(
            new QueryStatus(
                QUERY_ID,
                QueryState.RUNNING,
                AthenaFixtures.UNLOAD,
                null,
                0,
                null,
                Instant.parse("2024-01-14T08:30:00.123Z"),
                null));
    ATHENA.verify(1, anyCall());
  }

  @Test
  void reportsAFailedQueryWithAthenasReasonErrorCategoryAndType() {
    // given
    ATHENA.stubFor(
        athena("GetQueryExecution")
            .willReturn(
                ok(
                    execution(
                        QUERY_ID,
                        AthenaFixtures.UNLOAD,
                        "FAILED",
                        """
                        , "CompletionDateTime": %s,
                          "StateChangeReason": "COLUMN_NOT_FOUND: line 1:8: Column 'iban' cannot be resolved",
                          "AthenaError": {"ErrorCategory": 2, "ErrorType": 1006, "Retryable": false,
                            "ErrorMessage": "COLUMN_NOT_FOUND: line 1:8: Column 'iban' cannot be resolved"}
                        """
                            .formatted(AthenaFixtures.COMPLETED),
                        0))));

    // when
    QueryStatus status = engine.status(QUERY_ID);

    // then
    assertThat(status.state()).isEqualTo(QueryState.FAILED);
    assertThat(status.failureReason())
        .isEqualTo(
            "COLUMN_NOT_FOUND: line 1:8: Column 'iban' cannot be resolved"
                + " [Athena error category 2, type 1006]");
    assertThat(status.outputRows()).isNull();
    assertThat(status.completedAt()).isEqualTo(Instant.parse("2024-01-14T08:30:04.500Z"));
    ATHENA.verify(1, anyCall());
  }

  @Test
  void reportsACancelledQueryWithAthenasReason() {
    ATHENA.stubFor(
        athena("GetQueryExecution")
            .willReturn(
                ok(
                    execution(
                        QUERY_ID,
                        "CANCELLED",
                        ", \"StateChangeReason\": \"Query cancelled by user\"",
                        1024))));

    QueryStatus status = engine.status(QUERY_ID);

    assertThat(status.state()).isEqualTo(QueryState.CANCELLED);
    assertThat(status.failureReason()).isEqualTo("Query cancelled by user");
    assertThat(status.bytesScanned()).isEqualTo(1024);
  }

  @Test
  void leavesOutputRowsUnknownWhenTheUpdateCountIsDenied() {
    // given
    ATHENA.stubFor(
        athena("GetQueryExecution")
            .willReturn(ok(execution(QUERY_ID, AthenaFixtures.UNLOAD, "SUCCEEDED", "", 2048))));
    ATHENA.stubFor(
        athena("GetQueryResults")
            .willReturn(
                error(
                    400,
                    "AccessDeniedException",
                    "not authorized to perform: athena:GetQueryResults")));

    // when
    QueryStatus status = engine.status(QUERY_ID);

    // then
    assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
    assertThat(status.bytesScanned()).isEqualTo(2048);
    assertThat(status.outputRows()).isNull();
    ATHENA.verify(1, called("GetQueryResults"));
  }

  @Test
  void leavesOutputRowsUnknownWhenAthenaSendsNoUpdateCount() {
    // given
    ATHENA.stubFor(
        athena("GetQueryExecution")
            .willReturn(ok(execution(QUERY_ID, AthenaFixtures.UNLOAD, "SUCCEEDED", "", 2048))));
    ATHENA.stubFor(
        athena("GetQueryResults")
            .willReturn(ok("{\"ResultSet\": {\"Rows\": [], \"ResultSetMetadata\": {}}}")));

    // when
    QueryStatus status = engine.status(QUERY_ID);

    // then
    assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
    assertThat(status.outputRows()).isNull();
  }

  @Test
  void pagesThroughResultsSkippingTheHeaderRowOnlyOnTheFirstPage() {
    // given
    List<String> columns =
        List.of(column("id", "varchar", 2147483647, 0), column("note", "varchar", 2147483647, 0));
    ATHENA.stubFor(
        athena("GetQueryResults")
            .withRequestBody(
                equalToJson("{\"QueryExecutionId\": \"" + QUERY_ID + "\", \"MaxResults\": 3}"))
            .willReturn(
                ok(
                    results(
                        columns,
                        List.of(row("id", "note"), row("t-1", "a"), row("t-2", "b")),
                        "page-2"))));
    ATHENA.stubFor(
        athena("GetQueryResults")
            .withRequestBody(
                equalToJson(
                    "{\"QueryExecutionId\": \""
                        + QUERY_ID
                        + "\", \"MaxResults\": 2, \"NextToken\": \"page-2\"}"))
            .willReturn(ok(results(columns, List.of(row("id", "note"), row("t-4", null)), null))));

    // when
    ResultPage first = engine.results(QUERY_ID, null, 2);
    ResultPage second = engine.results(QUERY_ID, first.nextToken(), 2);

    // then: on a later page a row that reads like the header is data
    List<ResultColumn> expectedColumns =
        List.of(new ResultColumn("id", "varchar"), new ResultColumn("note", "varchar"));
    assertThat(first.columns()).isEqualTo(expectedColumns);
    assertThat(first.rows()).containsExactly(List.of("t-1", "a"), List.of("t-2", "b"));
    assertThat(first.nextToken()).isEqualTo("page-2");
    assertThat(second.columns()).isEqualTo(expectedColumns);
    assertThat(second.rows()).containsExactly(List.of("id", "note"), Arrays.asList("t-4", null));
    assertThat(second.nextToken()).isNull();
  }

  @Test
  void typesValuesOfEveryColumnTypeAndSkipsNothingWhenTheFirstRowIsNotAHeader() {
    // given
    List<String> columns =
        List.of(
            column("s", "varchar", 2147483647, 0),
            column("c", "char", 2, 0),
            column("j", "json", 0, 0),
            column("ti", "tinyint", 3, 0),
            column("si", "smallint", 5, 0),
            column("i", "integer", 10, 0),
            column("b", "bigint", 19, 0),
            column("d", "double", 17, 0),
            column("r", "float", 17, 0),
            column("amount", "decimal", 18, 2),
            column("ok", "boolean", 0, 0),
            column("day", "date", 0, 0),
            column("at", "timestamp", 3, 0),
            column("tags", "array", 0, 0),
            column("none", "varchar", 2147483647, 0));
    String header =
        row(
            "s", "c", "j", "ti", "si", "i", "b", "d", "r", "amount", "ok", "day", "at", "tags",
            "none");
    String values =
        row(
            "O'Brien; --",
            "AB",
            "{\\\"a\\\":1}",
            "-8",
            "300",
            "70000",
            "9007199254740993",
            "1.5E-3",
            "2.5",
            "-12.30",
            "true",
            "2024-01-14",
            "2024-01-14 08:30:00.123",
            "[1, 2]",
            null);
    ATHENA.stubFor(
        athena("GetQueryResults").willReturn(ok(results(columns, List.of(header, values), null))));

    // when
    ResultPage page = engine.results(QUERY_ID, null, 10);

    // then
    assertThat(page.columns())
        .extracting(ResultColumn::type)
        .containsExactly(
            "varchar",
            "char",
            "json",
            "tinyint",
            "smallint",
            "integer",
            "bigint",
            "double",
            "float",
            "decimal(18,2)",
            "boolean",
            "date",
            "timestamp",
            "array",
            "varchar");
    assertThat(page.rows())
        .containsExactly(
            Arrays.asList(
                "O'Brien; --",
                "AB",
                "{\"a\":1}",
                -8L,
                300L,
                70000L,
                9007199254740993L,
                0.0015d,
                2.5d,
                new BigDecimal("-12.30"),
                true,
                "2024-01-14",
                "2024-01-14T08:30:00.123Z",
                "[1, 2]",
                null));
  }

  @Test
  void asksForAtMostAthenasMaximumOnAFullFirstPage() {
    // given
    ATHENA.stubFor(
        athena("GetQueryResults")
            .withRequestBody(
                equalToJson("{\"QueryExecutionId\": \"" + QUERY_ID + "\", \"MaxResults\": 1000}"))
            .willReturn(
                ok(
                    results(
                        List.of(column("n", "bigint", 19, 0)),
                        List.of(row("n"), row("1")),
                        null))));

    // when
    ResultPage page = engine.results(QUERY_ID, null, 1000);

    // then
    assertThat(page.rows()).containsExactly(List.of(1L));
  }

  @Test
  void refusesPageSizesOutsideOneToAThousand() {
    assertThatThrownBy(() -> engine.results(QUERY_ID, null, 0))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot read results of query " + QUERY_ID + ": page size must be 1 to 1000, not 0");
    assertThatThrownBy(() -> engine.results(QUERY_ID, "page-2", 1001))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot read results of query " + QUERY_ID + ": page size must be 1 to 1000, not 1001");
    ATHENA.verify(0, called("GetQueryResults"));
  }

  @Test
  void failsNamingTheColumnButNotTheValueWhenAValueDoesNotFitItsType() {
    ATHENA.stubFor(
        athena("GetQueryResults")
            .willReturn(
                ok(
                    results(
                        List.of(column("n", "bigint", 19, 0)),
                        List.of(row("n"), row("DE89370400440532013000")),
                        null))));

    assertThatThrownBy(() -> engine.results(QUERY_ID, null, 10))
        .isExactlyInstanceOf(QueryEngineException.class)
        .hasMessage(
            "Cannot read results of query "
                + QUERY_ID
                + ": column \"n\" holds a value that is not a bigint")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(Reason.FAILED);
  }

  @Test
  void retriesThrottlingUntilAthenaAnswers() {
    // given
    ATHENA.stubFor(
        athena("GetQueryExecution")
            .inScenario("throttled")
            .whenScenarioStateIs(STARTED)
            .willReturn(throttled())
            .willSetStateTo("answering"));
    ATHENA.stubFor(
        athena("GetQueryExecution")
            .inScenario("throttled")
            .whenScenarioStateIs("answering")
            .willReturn(ok(execution(QUERY_ID, "QUEUED", "", 0))));

    // when
    QueryStatus status = engine.status(QUERY_ID);

    // then
    assertThat(status.state()).isEqualTo(QueryState.QUEUED);
    ATHENA.verify(2, called("GetQueryExecution"));
  }

  @Test
  void reportsThrottledWhenThrottlingOutlastsEveryTry() {
    // given
    ATHENA.stubFor(athena("StartQueryExecution").willReturn(throttled()));

    // when / then
    assertThatThrownBy(() -> engine.start(new SqlStatement("SELECT 1", List.of()), "req-1"))
        .isExactlyInstanceOf(QueryEngineException.class)
        .hasMessage(
            "Cannot start query in workgroup strata: TooManyRequestsException: Rate exceeded (HTTP 400)")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(Reason.THROTTLED);
    ATHENA.verify(3, called("StartQueryExecution"));
  }

  @Test
  void reportsNotFoundForAnUnknownQueryId() {
    ATHENA.stubFor(
        athena("GetQueryExecution")
            .willReturn(invalidRequest("QueryExecution q-unknown was not found")));

    assertThatThrownBy(() -> engine.status("q-unknown"))
        .isExactlyInstanceOf(QueryEngineException.class)
        .hasMessage(
            "Cannot read status of query q-unknown: InvalidRequestException: QueryExecution"
                + " q-unknown was not found (HTTP 400)")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(Reason.NOT_FOUND);
  }

  @Test
  void reportsConflictForResultsOfAQueryThatHasNotFinished() {
    ATHENA.stubFor(
        athena("GetQueryResults")
            .willReturn(invalidRequest("Query has not yet finished. Current state: RUNNING")));

    assertThatThrownBy(() -> engine.results(QUERY_ID, null, 10))
        .isExactlyInstanceOf(QueryEngineException.class)
        .hasMessage(
            "Cannot read results of query "
                + QUERY_ID
                + ": InvalidRequestException: Query has not yet finished. Current state: RUNNING"
                + " (HTTP 400)")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(Reason.CONFLICT);
  }

  @Test
  void reportsAnInvalidTokenForAPageTokenAthenaNeverIssued() {
    ATHENA.stubFor(
        athena("GetQueryResults").willReturn(invalidRequest("Invalid NextToken provided")));

    assertThatThrownBy(() -> engine.results(QUERY_ID, "forged", 10))
        .isExactlyInstanceOf(QueryEngineException.class)
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(Reason.INVALID_TOKEN);
  }

  @Test
  void reportsAReusedTokenWhenAthenaSaysTheIdempotentParametersDiffer() {
    ATHENA.stubFor(
        athena("StartQueryExecution")
            .willReturn(
                invalidRequest(
                    "Idempotent parameters do not match the request with the same token")));

    assertThatThrownBy(() -> engine.start(new SqlStatement("SELECT 2", List.of()), "key-1"))
        .isExactlyInstanceOf(QueryEngineException.class)
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(Reason.TOKEN_REUSED);
  }

  @Test
  void reportsConflictForResultsOfAQueryThatFailed() {
    ATHENA.stubFor(
        athena("GetQueryResults")
            .willReturn(
                invalidRequest("Query did not finish successfully. Final query state: FAILED")));

    assertThatThrownBy(() -> engine.results(QUERY_ID, null, 10))
        .isExactlyInstanceOf(QueryEngineException.class)
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(Reason.CONFLICT);
  }

  @Test
  void reportsUnavailableWhenAthenaKeepsFailingInternally() {
    // given
    ATHENA.stubFor(
        athena("GetQueryExecution")
            .willReturn(error(500, "InternalServerException", "Internal error")));

    // when / then
    assertThatThrownBy(() -> engine.status(QUERY_ID))
        .isExactlyInstanceOf(QueryEngineException.class)
        .hasMessage(
            "Cannot read status of query "
                + QUERY_ID
                + ": InternalServerException: Internal error (HTTP 500)")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(Reason.UNAVAILABLE);
    ATHENA.verify(3, called("GetQueryExecution"));
  }

  @Test
  void reportsUnavailableWhenTheConnectionBreaks() {
    ATHENA.stubFor(
        athena("GetQueryExecution")
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> engine.status(QUERY_ID))
        .isExactlyInstanceOf(QueryEngineException.class)
        .hasMessageStartingWith("Cannot read status of query " + QUERY_ID + ": ")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(Reason.UNAVAILABLE);
  }

  @Test
  void reportsFailedForAnyOtherRefusal() {
    ATHENA.stubFor(
        athena("StartQueryExecution")
            .willReturn(
                error(
                    400,
                    "AccessDeniedException",
                    "not authorized to perform: athena:StartQueryExecution")));

    assertThatThrownBy(() -> engine.start(new SqlStatement("SELECT 1", List.of()), null))
        .isExactlyInstanceOf(QueryEngineException.class)
        .hasMessage(
            "Cannot start query in workgroup strata: AccessDeniedException: not authorized to"
                + " perform: athena:StartQueryExecution (HTTP 400)")
        .extracting(e -> ((QueryEngineException) e).reason())
        .isEqualTo(Reason.FAILED);
  }

  /** A client built as the producer builds it, with the same strategy but millisecond backoff. */
  private static AthenaClient client(int maxAttempts) {
    BackoffStrategy fast =
        BackoffStrategy.exponentialDelay(Duration.ofMillis(1), Duration.ofMillis(10));
    RetryStrategy retry =
        AthenaWiring.retryStrategy(maxAttempts).toBuilder()
            .backoffStrategy(fast)
            .throttlingBackoffStrategy(fast)
            .build();
    return AthenaWiring.athenaClientBuilder(Optional.of(URI.create(ATHENA.baseUrl())), retry)
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  private static String queryId() {
    return "{\"QueryExecutionId\": \"" + QUERY_ID + "\"}";
  }

  private static MappingBuilder athena(String operation) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonAthena." + operation));
  }

  private static RequestPatternBuilder called(String operation) {
    return postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AmazonAthena." + operation));
  }

  private static RequestPatternBuilder anyCall() {
    return postRequestedFor(urlEqualTo("/"));
  }

  private static ResponseDefinitionBuilder ok(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(body);
  }

  private static ResponseDefinitionBuilder error(int status, String type, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-ErrorType", type)
        .withBody("{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
  }

  private static ResponseDefinitionBuilder invalidRequest(String message) {
    return aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-ErrorType", "InvalidRequestException")
        .withBody(
            "{\"__type\":\"InvalidRequestException\",\"AthenaErrorCode\":\"INVALID_INPUT\","
                + "\"Message\":\""
                + message
                + "\"}");
  }

  private static ResponseDefinitionBuilder throttled() {
    return aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-ErrorType", "TooManyRequestsException")
        .withBody(
            "{\"__type\":\"TooManyRequestsException\",\"Reason\":\"CONCURRENT_QUERY_LIMIT_EXCEEDED\","
                + "\"Message\":\"Rate exceeded\"}");
  }
}
