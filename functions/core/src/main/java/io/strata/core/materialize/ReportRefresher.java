package io.strata.core.materialize;

import io.strata.core.access.RoleGrant;
import io.strata.core.report.ReportDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One pass over the materialized reports: each {@code materialize: on_commit} report the caller
 * picks is refreshed for every role that may run it. A refresh that fails is recorded with its
 * reason and never stops the others; the reasons name reports, roles, tables and queries, never row
 * values.
 */
public final class ReportRefresher {

  /**
   * How one report's refresh for one role ended.
   *
   * @param outcome what the refresh did; null when it failed
   * @param failure why it failed; null when it did not
   */
  public record Result(
      String report, String role, ReportMaterializer.Outcome outcome, String failure) {

    public boolean failed() {
      return failure != null;
    }
  }

  private final ReportMaterializer materializer;

  public ReportRefresher(ReportMaterializer materializer) {
    this.materializer = Objects.requireNonNull(materializer, "materializer");
  }

  /** Refreshes every materialized report {@code picked} accepts, for each role of it. */
  public List<Result> refresh(ReportRules rules, Predicate<ReportDefinition> picked) {
    List<Result> results = new ArrayList<>();
    for (ReportDefinition report : rules.reports().values()) {
      if (!report.materialized() || !picked.test(report)) {
        continue;
      }
      for (RoleGrant role : rules.rolesOf(report)) {
        try {
          ReportMaterializer.Refresh refresh =
              materializer.refresh(report, role, rules.contracts());
          results.add(new Result(report.name(), role.name(), refresh.outcome(), null));
        } catch (RuntimeException e) {
          results.add(new Result(report.name(), role.name(), null, e.getMessage()));
        }
      }
    }
    return results;
  }
}
