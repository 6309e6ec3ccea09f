package io.strata.api.query;

import io.strata.api.audit.AuditRecord;
import io.strata.api.error.ApiException;
import io.strata.api.error.EngineReasons;
import io.strata.api.setup.ApiConfig;
import io.strata.core.metrics.MetricsLog;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryLabel;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.ResultColumn;
import io.strata.core.query.ResultPage;
import io.strata.core.query.SqlStatement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts labelled statements on the query engine, waits the configured time, and turns the engine's
 * status and result pages into {@link QueryAnswer}s.
 */
@ApplicationScoped
public class QueryRunner {

  private static final Logger LOG = LoggerFactory.getLogger(QueryRunner.class);

  @Inject QueryEngine engine;
  @Inject ApiConfig config;
  @Inject AuditRecord audit;
  @Inject CallerQueries callers;

  /** The lake's catalog database: the {@code Lake} dimension of the query metrics. */
  @ConfigProperty(name = "strata.catalog.database")
  String lake;

  /**
   * Starts the statement under its label and waits for it, within its owner's share of unfinished
   * queries ({@link CallerQueries}).
   *
   * @param idempotencyKey the caller's {@code Idempotency-Key}, or null; the same key from the same
   *     principal starts the query once
   * @param reuseResults whether the engine may answer from an identical earlier query (only for
   *     answers that cannot change)
   */
  public QueryStatus start(
      QueryLabel label, SqlStatement statement, String idempotencyKey, boolean reuseResults) {
    String token =
        idempotencyKey == null ? null : IdempotencyKeys.token(label.owner(), idempotencyKey);
    long started = System.nanoTime();
    try (CallerQueries.Slot slot = callers.take(label.owner())) {
      String queryId = engine.start(label.applyTo(statement), token, reuseResults);
      slot.started(queryId);
      audit.queryId(queryId);
      QueryStatus status = QueryWaiter.await(engine, queryId, config.query().waitTime());
      if (!status.state().done()) {
        slot.keep();
      } else {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        MetricsLog.emit(QueryMetrics.of(lake, label, status, took, Instant.now()));
      }
      audit.bytesScanned(status.bytesScanned());
      return status;
    }
  }

  /** The engine's status of a query. */
  public QueryStatus status(String queryId) {
    QueryStatus status = engine.status(queryId);
    audit.bytesScanned(status.bytesScanned());
    return status;
  }

  /** The answer for a query in this state: its first (or next) page once it succeeded. */
  public QueryAnswer answer(
      QueryStatus status, QueryLabel label, String pageToken, Integer pageSize) {
    if (status.state() == QueryState.FAILED || status.state() == QueryState.CANCELLED) {
      // The engine's reason can name tables, buckets and values: it goes to the operators' log
      // with its quoted values hidden, the caller gets the incident id to quote.
      String incident = UUID.randomUUID().toString();
      LOG.warn(
          "Query {} {}, incident {}: {}",
          status.queryId(),
          status.state(),
          incident,
          EngineReasons.loggable(status.failureReason()));
      throw new ApiException(
          502,
          "query_failed",
          "Query "
              + status.queryId()
              + " "
              + status.state().name().toLowerCase(Locale.ROOT)
              + " in the query engine; the operators can find the reason in the logs as incident "
              + incident);
    }
    List<ResultColumnView> columns = null;
    List<Map<String, Object>> rows = null;
    String next = null;
    if (status.state() == QueryState.SUCCEEDED && !"export".equals(label.kind())) {
      ResultPage page = engine.results(status.queryId(), pageToken, pageSize(pageSize));
      columns = new ArrayList<>();
      for (ResultColumn column : page.columns()) {
        columns.add(
            new ResultColumnView(
                column.name(), column.type(), label.masked().contains(column.name())));
      }
      rows = new ArrayList<>(page.rows().size());
      for (List<Object> row : page.rows()) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < page.columns().size(); i++) {
          object.put(page.columns().get(i).name(), row.get(i));
        }
        rows.add(object);
      }
      next = page.nextToken();
    }
    return new QueryAnswer(
        status.queryId(),
        status.state().name(),
        label.kind(),
        label.dataset(),
        label.report(),
        label.view(),
        label.asOf(),
        columns,
        rows,
        next,
        status.bytesScanned(),
        status.submittedAt(),
        status.completedAt(),
        null);
  }

  private int pageSize(Integer requested) {
    int configured = Math.min(config.query().pageSize(), QueryEngine.MAX_PAGE_SIZE);
    if (requested == null) {
      return configured;
    }
    if (requested < 1 || requested > QueryEngine.MAX_PAGE_SIZE) {
      throw ApiException.badRequest(
          "bad_value",
          "pageSize must be between 1 and " + QueryEngine.MAX_PAGE_SIZE + ", got " + requested);
    }
    return requested;
  }
}
