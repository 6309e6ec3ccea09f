package io.strata.api.setup;

import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how the state of the rules changed between two reads: one ERROR line when a file breaks (or
 * breaks differently), one INFO line when it loads again; nothing while nothing changes, however
 * many requests come in. No stack traces: the messages name file, field and reason.
 */
final class RulesLog {

  private static final Logger LOG = LoggerFactory.getLogger(LakeRules.class);

  private RulesLog() {}

  static void changes(LakeRules.Snapshot before, LakeRules.Snapshot after) {
    String problem = after.access().problem();
    String earlier = before == null ? null : before.access().problem();
    if (problem != null && !problem.equals(earlier)) {
      if (after.access().loadedAt() != null) {
        LOG.error(
            "access.yaml cannot be loaded; the policy loaded at {} stays in force: {}",
            after.access().loadedAt(),
            problem);
      } else {
        LOG.error(
            "access.yaml cannot be loaded and no policy was loaded before: every request is"
                + " refused until it is fixed: {}",
            problem);
      }
    } else if (problem == null && earlier != null) {
      LOG.info("access.yaml loads again; its policy is in force");
    }
    changes(
        before == null ? Map.of() : before.brokenContracts(),
        after.brokenContracts(),
        "Dataset {} is unavailable until its contract is fixed: {}",
        "Dataset {}: its contract is no longer broken");
    changes(
        before == null ? Map.of() : before.brokenReports(),
        after.brokenReports(),
        "Report {} is unavailable until it is fixed: {}",
        "Report {} is no longer broken");
  }

  private static void changes(
      Map<String, String> before, Map<String, String> after, String broken, String fixed) {
    after.forEach(
        (name, problem) -> {
          if (!Objects.equals(before.get(name), problem)) {
            LOG.error(broken, name, problem);
          }
        });
    before.keySet().stream().filter(n -> !after.containsKey(n)).forEach(n -> LOG.info(fixed, n));
  }
}
