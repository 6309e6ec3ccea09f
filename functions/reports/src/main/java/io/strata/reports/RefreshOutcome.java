package io.strata.reports;

import io.strata.core.materialize.ReportMaterializer;
import io.strata.core.materialize.ReportRefresher;
import java.util.List;

/**
 * What one invocation did, as the function answers it.
 *
 * @param datasets the datasets whose reports were refreshed; {@code ["*"]} for all of them
 * @param refreshed report tables this invocation committed a new snapshot to
 * @param upToDate report tables that already reflected the latest history
 * @param failures refreshes that failed
 */
public record RefreshOutcome(List<String> datasets, int refreshed, int upToDate, int failures) {

  public RefreshOutcome {
    datasets = List.copyOf(datasets);
  }

  static RefreshOutcome of(List<String> datasets, List<ReportRefresher.Result> results) {
    int refreshed = 0;
    int upToDate = 0;
    int failures = 0;
    for (ReportRefresher.Result result : results) {
      if (result.failed()) {
        failures++;
      } else if (result.outcome() == ReportMaterializer.Outcome.REFRESHED) {
        refreshed++;
      } else {
        upToDate++;
      }
    }
    return new RefreshOutcome(datasets, refreshed, upToDate, failures);
  }
}
