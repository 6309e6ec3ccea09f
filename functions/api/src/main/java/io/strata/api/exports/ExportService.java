package io.strata.api.exports;

import io.strata.api.audit.AuditRecord;
import io.strata.api.datasets.DatasetDirectory;
import io.strata.api.error.ApiException;
import io.strata.api.identity.Caller;
import io.strata.api.query.HistorySnapshots;
import io.strata.api.query.IdempotencyKeys;
import io.strata.api.query.QueryAnswer;
import io.strata.api.query.QueryRunner;
import io.strata.api.query.QueryService;
import io.strata.api.setup.ApiConfig;
import io.strata.core.contract.DatasetContract;
import io.strata.core.export.ExportManifest;
import io.strata.core.export.ExportManifests;
import io.strata.core.query.QueryLabel;
import io.strata.core.query.QueryPlan;
import io.strata.core.query.QueryPlanner;
import io.strata.core.query.QueryRequest;
import io.strata.core.query.QueryState;
import io.strata.core.query.QueryStatus;
import io.strata.core.query.SqlCompiler;
import io.strata.core.query.SqlDialect;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.HistorySnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Training exports: the dataset as of an instant, as the caller's role sees it, unloaded as Parquet
 * to {@code exports/<dataset>/<exportId>/data/} in the analytics bucket, with a manifest beside it
 * once the engine is done.
 */
@ApplicationScoped
public class ExportService {

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject DatasetDirectory datasets;
  @Inject QueryPlanner planner;
  @Inject SqlDialect dialect;
  @Inject QueryRunner runner;
  @Inject ObjectStore store;
  @Inject ApiConfig config;
  @Inject AuditRecord audit;
  @Inject HistorySnapshots snapshots;

  /** Starts an export; answers with its manifest if the engine finishes within the wait. */
  public QueryAnswer start(
      Caller caller, String dataset, QueryRequest request, String idempotencyKey) {
    audit.dataset(dataset);
    if (request.limit() != null || (request.orderBy() != null && !request.orderBy().isEmpty())) {
      throw ApiException.badRequest(
          "bad_request",
          "An export takes columns, filters, view and asOf; it has no limit or orderBy");
    }
    DatasetContract contract = datasets.visible(caller, dataset);
    if (!caller.role().canExport(dataset)) {
      throw ApiException.forbidden(
          "forbidden",
          "Role "
              + caller.role().name()
              + " may not export dataset "
              + dataset
              + ": access.yaml does not list it among the role's exports");
    }
    if (idempotencyKey != null && request.asOf() == null) {
      throw ApiException.badRequest(
          "bad_request",
          "An export with an Idempotency-Key needs an explicit asOf, so that a retry asks for the"
              + " same data");
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    QueryRequest pinned =
        request.asOf() != null
            ? request
            : new QueryRequest(
                request.columns(),
                request.filters(),
                request.orderBy(),
                null,
                request.view(),
                now.toString());
    QueryPlan plan = planner.plan(contract, caller.role(), pinned);
    audit.plan(plan);
    HistorySnapshot snapshot =
        snapshots
            .at(dataset, plan.asOf())
            .orElseThrow(
                () ->
                    new ApiException(
                        409,
                        "no_history",
                        "Dataset "
                            + dataset
                            + " has no history as of "
                            + plan.asOf()
                            + ": nothing was committed by then, so nothing to export"));
    // A retry with the same Idempotency-Key must send the very same statement, so its export id
    // derives from the key alone: a different request under the same key then names the same
    // folder, which the engine refuses (422) before anything is written or created.
    String exportId =
        idempotencyKey == null
            ? ID_TIME.format(now) + "-" + HexFormat.of().formatHex(randomBytes())
            : "key-"
                + IdempotencyKeys.token(caller.principal().arn(), idempotencyKey).substring(0, 24);
    QueryLabel label =
        new QueryLabel(
            "export",
            caller.principal().arn(),
            caller.role().name(),
            dataset,
            null,
            plan.view().apiName(),
            plan.asOf().toString(),
            contract.version(),
            exportId,
            plan.outputColumns(),
            QueryService.masked(caller, dataset, plan.outputColumns()));
    QueryStatus status =
        runner.start(
            label,
            SqlCompiler.export(plan, dialect, snapshot, dataLocation(label)),
            idempotencyKey,
            false);
    return answer(status, QueryLabel.of(status.sql()).orElse(label));
  }

  /** The answer for an export query: its manifest once it succeeded, else its state. */
  public QueryAnswer answer(QueryStatus status, QueryLabel label) {
    QueryAnswer answer = runner.answer(status, label, null, null);
    if (status.state() != QueryState.SUCCEEDED) {
      return answer;
    }
    // The same writer as the finisher of Athena's events and of the local engine: whichever sees
    // the export done first writes the manifest, the others read it back.
    ExportManifest manifest =
        new ExportManifests(store, config.analyticsBucket()).ensure(status, label);
    return new QueryAnswer(
        answer.queryId(),
        answer.state(),
        answer.kind(),
        answer.dataset(),
        answer.report(),
        answer.view(),
        answer.asOf(),
        null,
        null,
        null,
        answer.bytesScanned(),
        answer.submittedAt(),
        answer.completedAt(),
        manifest);
  }

  private String dataLocation(QueryLabel label) {
    return "s3://" + config.analyticsBucket() + "/" + ExportManifests.folder(label) + "data/";
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
