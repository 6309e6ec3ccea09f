package io.strata.exports;

import io.strata.aws.athena.AthenaConfig;
import io.strata.core.export.ExportFinisher;
import io.strata.core.export.ExportManifest;
import io.strata.core.metrics.MetricsLog;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryEngineException;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes the export an Athena state-change event names. The event only says which query ended;
 * what the query is comes from Athena itself (GetQueryExecution of the lake's workgroup), whose
 * statement text carries the label the query API wrote, so an event cannot make the finisher write
 * anything the API did not ask for. Events of other workgroups, of states that are not final, of
 * queries that are no exports or that Athena does not know are ignored.
 */
@ApplicationScoped
public class StateChangeFinisher {

  private static final Logger LOG = LoggerFactory.getLogger(StateChangeFinisher.class);
  private static final Set<String> FINAL_STATES = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

  @Inject QueryEngine engine;
  @Inject ObjectStore store;
  @Inject ExportsConfig config;
  @Inject AthenaConfig athena;

  /** The lake's catalog database: the {@code Lake} dimension of the export metrics. */
  @ConfigProperty(name = "strata.catalog.database")
  String lake;

  /** Writes the manifest of the export the event names, when it succeeded. */
  public ExportOutcome finish(AthenaStateChange event) {
    AthenaStateChange.Detail detail = event == null ? null : event.detail();
    String queryId = detail == null ? null : detail.queryExecutionId();
    if (!AthenaStateChange.SOURCE.equals(event == null ? null : event.source())
        || !AthenaStateChange.DETAIL_TYPE.equals(event.detailType())
        || queryId == null
        || queryId.isBlank()) {
      return ignored(queryId, "not an Athena query state change naming a query");
    }
    if (!athena.workgroup().equals(detail.workgroupName())) {
      return ignored(queryId, "a query of another workgroup than " + athena.workgroup());
    }
    if (!FINAL_STATES.contains(detail.currentState())) {
      return ignored(queryId, "the query is not done");
    }
    QueryStatus status;
    try {
      status = engine.status(queryId);
    } catch (QueryEngineException e) {
      if (e.reason() == QueryEngineException.Reason.NOT_FOUND) {
        return ignored(queryId, "Athena knows no such query in the workgroup");
      }
      throw e;
    }
    if (ExportFinisher.exportLabel(status).isEmpty()) {
      return ignored(queryId, "the query is no export");
    }
    if (status.state() == QueryState.FAILED || status.state() == QueryState.CANCELLED) {
      // The engine's reason may quote values: it stays with Athena; the poll reports the failure.
      LOG.info("Export query {} {}: no manifest is written", queryId, status.state());
      return counted(
          new ExportOutcome(
              queryId,
              ExportOutcome.Action.FAILED,
              "the export " + status.state() + ", no manifest"));
    }
    Optional<ExportManifest> manifest;
    try {
      manifest = new ExportFinisher(store, config.analyticsBucket()).finish(status);
    } catch (IllegalArgumentException e) {
      LOG.warn("Export query {} refused: {}", queryId, e.getMessage());
      return counted(new ExportOutcome(queryId, ExportOutcome.Action.REFUSED, e.getMessage()));
    }
    if (manifest.isEmpty()) {
      return ignored(queryId, "Athena reports the query " + status.state() + ", not done");
    }
    String location = manifest.get().location().replaceFirst("data/$", "manifest.json");
    LOG.info("Export {} finished: {}", manifest.get().exportId(), location);
    return counted(new ExportOutcome(queryId, ExportOutcome.Action.FINISHED, location));
  }

  /** Publishes the export's completion metric beside the log line. */
  private ExportOutcome counted(ExportOutcome outcome) {
    MetricsLog.emit(ExportMetrics.of(lake, outcome, Instant.now()));
    return outcome;
  }

  private static ExportOutcome ignored(String queryId, String why) {
    LOG.info("Event of query {} ignored: {}", queryId, why);
    return new ExportOutcome(queryId, ExportOutcome.Action.IGNORED, why);
  }
}
