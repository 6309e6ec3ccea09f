package io.strata.aws.athena;

import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryEngineException;
import io.strata.core.query.QueryEngineException.Reason;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.ResultPage;
import io.strata.core.query.SqlStatement;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.StatementType;

/**
 * The query engine port on Amazon Athena: statements run in one workgroup and database with their
 * parameters as execution parameters, and results are paged through GetQueryResults with values
 * typed by their columns.
 */
public final class AthenaQueryEngine implements QueryEngine {

  private static final Logger LOG = LoggerFactory.getLogger(AthenaQueryEngine.class);

  /** Athena's bounds on a client request token's length. */
  static final int MIN_TOKEN_LENGTH = 32;

  static final int MAX_TOKEN_LENGTH = 128;

  /** Athena's limit on result reuse: 7 days. */
  static final int MAX_RESULT_REUSE_MINUTES = 10080;

  private final AthenaClient athena;
  private final String workgroup;
  private final String database;
  private final int resultReuseMinutes;

  /**
   * @param resultReuseMinutes how old reused results may be, 0 for no reuse
   */
  public AthenaQueryEngine(
      AthenaClient athena, String workgroup, String database, int resultReuseMinutes) {
    this.athena = Objects.requireNonNull(athena, "athena");
    this.workgroup = Objects.requireNonNull(workgroup, "workgroup");
    this.database = Objects.requireNonNull(database, "database");
    if (resultReuseMinutes < 0 || resultReuseMinutes > MAX_RESULT_REUSE_MINUTES) {
      throw new IllegalArgumentException(
          "Cannot configure Athena result reuse: minutes must be 0 to "
              + MAX_RESULT_REUSE_MINUTES
              + ", not "
              + resultReuseMinutes);
    }
    this.resultReuseMinutes = resultReuseMinutes;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A parameter Athena has no literal for fails the start with {@link Reason#FAILED} before
   * anything is sent; the API refuses such values earlier, this only keeps them from being errors
   * of the server.
   */
  @Override
  public String start(SqlStatement statement, String requestToken, boolean reuseResults) {
    StartQueryExecutionRequest request;
    try {
      request = startRequest(statement, requestToken, reuseResults);
    } catch (IllegalArgumentException e) {
      throw new QueryEngineException(
          Reason.FAILED, "Cannot start query in workgroup " + workgroup + ": " + e.getMessage(), e);
    }
    String queryId;
    try {
      queryId = athena.startQueryExecution(request).queryExecutionId();
    } catch (SdkException | UncheckedIOException e) {
      throw AthenaErrors.failure("start query in workgroup " + workgroup, e);
    }
    LOG.info("Started Athena query {} in workgroup {}", queryId, workgroup);
    return queryId;
  }

  @Override
  public QueryStatus status(String queryId) {
    QueryExecution execution;
    try {
      execution = athena.getQueryExecution(r -> r.queryExecutionId(queryId)).queryExecution();
    } catch (SdkException | UncheckedIOException e) {
      throw AthenaErrors.failure("read status of query " + queryId, e);
    }
    QueryExecutionStatus status = execution == null ? null : execution.status();
    if (status == null) {
      throw new QueryEngineException(
          Reason.FAILED, "Cannot read status of query " + queryId + ": Athena sent no status");
    }
    QueryState state = state(queryId, status);
    Long scanned =
        execution.statistics() == null ? null : execution.statistics().dataScannedInBytes();
    return new QueryStatus(
        queryId,
        state,
        execution.query() == null ? "" : execution.query(),
        state == QueryState.FAILED || state == QueryState.CANCELLED ? failureReason(status) : null,
        scanned == null ? 0 : scanned,
        state == QueryState.SUCCEEDED ? outputRows(queryId, execution) : null,
        status.submissionDateTime(),
        status.completionDateTime());
  }

  /**
   * {@inheritDoc}
   *
   * <p>A SELECT's first page starts with a row of column labels; it is fetched with one row more
   * and that row is dropped, so the page still holds up to {@code pageSize} rows (999 when {@code
   * pageSize} is Athena's maximum of 1000).
   */
  @Override
  public ResultPage results(String queryId, String pageToken, int pageSize) {
    QueryEngine.checkPageSize(queryId, pageSize);
    boolean firstPage = pageToken == null;
    int maxResults = firstPage ? Math.min(pageSize + 1, MAX_PAGE_SIZE) : pageSize;
    GetQueryResultsResponse response;
    try {
      response =
          athena.getQueryResults(
              r -> r.queryExecutionId(queryId).nextToken(pageToken).maxResults(maxResults));
    } catch (SdkException | UncheckedIOException e) {
      throw AthenaErrors.failure("read results of query " + queryId, e);
    }
    try {
      return page(response, firstPage);
    } catch (IllegalArgumentException e) {
      throw new QueryEngineException(
          Reason.FAILED, "Cannot read results of query " + queryId + ": " + e.getMessage(), e);
    }
  }

  StartQueryExecutionRequest startRequest(
      SqlStatement statement, String requestToken, boolean reuseResults) {
    StartQueryExecutionRequest.Builder request =
        StartQueryExecutionRequest.builder()
            .queryString(statement.sql())
            .workGroup(workgroup)
            .queryExecutionContext(c -> c.database(database))
            .clientRequestToken(clientRequestToken(requestToken));
    if (!statement.parameters().isEmpty()) {
      request.executionParameters(AthenaParameters.render(statement.parameters()));
    }
    if (reuseResults && resultReuseMinutes > 0) {
      request.resultReuseConfiguration(
          c ->
              c.resultReuseByAgeConfiguration(
                  a -> a.enabled(true).maxAgeInMinutes(resultReuseMinutes)));
    }
    return request.build();
  }

  /**
   * The caller's token when Athena accepts its length, otherwise its SHA-256 in hex: stable, so a
   * retried start with the same token is still the same query.
   */
  static String clientRequestToken(String requestToken) {
    if (requestToken == null) {
      return null;
    }
    int length = requestToken.length();
    if (length >= MIN_TOKEN_LENGTH && length <= MAX_TOKEN_LENGTH) {
      return requestToken;
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(requestToken.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash request token: no SHA-256 in this JVM", e);
    }
  }

  private static ResultPage page(GetQueryResultsResponse response, boolean firstPage) {
    ResultSet set = response.resultSet();
    List<ColumnInfo> columns =
        set == null || set.resultSetMetadata() == null
            ? List.of()
            : set.resultSetMetadata().columnInfo();
    List<Row> rows = set == null ? List.of() : set.rows();
    int from = firstPage && !rows.isEmpty() && AthenaResults.isHeader(columns, rows.get(0)) ? 1 : 0;
    List<List<Object>> values = new ArrayList<>(rows.size());
    for (Row row : rows.subList(from, rows.size())) {
      values.add(AthenaResults.row(columns, row));
    }
    String next = response.nextToken();
    return new ResultPage(
        AthenaResults.columns(columns), values, next == null || next.isEmpty() ? null : next);
  }

  private static QueryState state(String queryId, QueryExecutionStatus status) {
    return switch (status.state()) {
      case QUEUED -> QueryState.QUEUED;
      case RUNNING -> QueryState.RUNNING;
      case SUCCEEDED -> QueryState.SUCCEEDED;
      case FAILED -> QueryState.FAILED;
      case CANCELLED -> QueryState.CANCELLED;
      default ->
          throw new QueryEngineException(
              Reason.FAILED,
              "Cannot read status of query "
                  + queryId
                  + ": Athena reported unknown state "
                  + status.stateAsString());
    };
  }

  /**
   * Athena's reason, then its error category and type: "… [Athena error category 2, type 1001]".
   */
  private static String failureReason(QueryExecutionStatus status) {
    AthenaError error = status.athenaError();
    String reason = status.stateChangeReason();
    if ((reason == null || reason.isBlank()) && error != null) {
      reason = error.errorMessage();
    }
    if (error == null || (error.errorCategory() == null && error.errorType() == null)) {
      return reason;
    }
    String code =
        "[Athena error category " + error.errorCategory() + ", type " + error.errorType() + "]";
    return reason == null || reason.isBlank() ? code : reason + " " + code;
  }

  /**
   * The rows a succeeded UNLOAD wrote, from the UpdateCount GetQueryResults reports for it; null
   * for any other statement and when the count cannot be read. Only UNLOADs make this extra call:
   * polling a SELECT costs one request per poll against Athena's API quota.
   */
  private Long outputRows(String queryId, QueryExecution execution) {
    if (execution.statementType() != StatementType.DML
        || !AthenaStatements.isUnload(execution.query())) {
      return null;
    }
    try {
      return athena.getQueryResults(r -> r.queryExecutionId(queryId).maxResults(1)).updateCount();
    } catch (SdkException | UncheckedIOException e) {
      LOG.debug("Cannot read update count of query {}: {}", queryId, e.getMessage());
      return null;
    }
  }
}
