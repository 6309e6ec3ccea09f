package io.strata.reports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.strata.core.contract.ContractRepository;
import io.strata.core.materialize.ReportRefresher;
import io.strata.core.materialize.ReportRules;
import io.strata.core.rules.RuleFiles;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report refresh Lambda. S3 notifies it of each batch manifest written to the history bucket
 * (every committed batch, whole file, large file or stream micro-batch, writes one), and an hourly
 * EventBridge schedule runs it as a safety net. It reads the lake's rules as the query API does and
 * brings every {@code materialize: on_commit} report reading a notified dataset (every one, on the
 * schedule) up to the latest history, once per role that may run it, on Athena. A refresh that
 * finds its table current runs nothing, so a repeated or late event costs a few catalog reads; the
 * CDK app runs one invocation at a time, so two never run the same report. One line per refresh is
 * logged; when any failed, the invocation fails after the others are done.
 */
public class RefreshHandler implements RequestHandler<RefreshEvent, RefreshOutcome> {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshHandler.class);

  @Inject ReportRefresher refresher;
  @Inject ContractRepository contracts;
  @Inject RuleFiles ruleFiles;
  @Inject RefreshConfig config;

  @Override
  public RefreshOutcome handleRequest(RefreshEvent event, Context context) {
    Optional<Set<String>> notified = event.datasets(config.historyBucket());
    List<String> datasets = notified.map(List::copyOf).orElse(List.of("*"));
    if (notified.isPresent() && notified.get().isEmpty()) {
      LOG.info("No batch manifest of {} in the event; nothing to refresh", config.historyBucket());
      return new RefreshOutcome(datasets, 0, 0, 0);
    }
    ReportRules rules = ReportRules.read(contracts, ruleFiles);
    List<ReportRefresher.Result> results =
        refresher.refresh(
            rules,
            report ->
                notified.isEmpty()
                    || report.datasets().stream().anyMatch(notified.get()::contains));
    results.forEach(RefreshHandler::log);
    RefreshOutcome outcome = RefreshOutcome.of(datasets, results);
    if (outcome.failures() > 0) {
      List<String> failed =
          results.stream()
              .filter(ReportRefresher.Result::failed)
              .map(r -> r.report() + " for role " + r.role())
              .toList();
      throw new RefreshFailedException(
          "Cannot refresh "
              + outcome.failures()
              + " of "
              + results.size()
              + " materialized reports: "
              + String.join(", ", failed)
              + " (the others were refreshed; these run live until a refresh succeeds)");
    }
    return outcome;
  }

  /** One line a log query can parse: report, role, outcome, failure. */
  private static void log(ReportRefresher.Result result) {
    LOG.info(
        "refresh report={} role={} outcome={} failure={}",
        result.report(),
        result.role(),
        result.outcome(),
        result.failure() == null ? null : "\"" + result.failure().replace("\"", "'") + "\"");
  }
}
