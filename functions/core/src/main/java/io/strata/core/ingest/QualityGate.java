package io.strata.core.ingest;

import io.strata.core.contract.DatasetContract;
import io.strata.core.contract.QualityRule;
import io.strata.core.quality.BatchProfile;
import io.strata.core.quality.QualityJudge;
import io.strata.core.quality.QualityRecord;
import io.strata.core.quality.QualityVerdict;
import io.strata.core.quality.RecentProfiles;
import io.strata.core.quality.VerdictOutcome;
import io.strata.core.table.BatchSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;

/**
 * The contract's quality rules on a batch about to commit, the same for a whole file and a file
 * ingested in byte ranges: judged against the profiles of the dataset's last committed batches as
 * the table holds them, and read as "commit" or "quarantine the batch".
 *
 * @param profile the batch's profile, kept with its snapshot
 * @param verdicts every rule's verdict, empty when the contract has no rule
 */
record QualityGate(BatchProfile profile, List<QualityVerdict> verdicts) {

  static QualityGate judge(
      DatasetContract contract, Table table, String batchId, BatchProfile profile) {
    List<QualityRule> rules = contract.quality();
    if (rules.isEmpty()) {
      return new QualityGate(profile, List.of());
    }
    int depth = rules.stream().mapToInt(QualityRule::history).max().orElseThrow();
    return new QualityGate(
        profile, QualityJudge.judge(rules, profile, RecentProfiles.of(table, batchId, depth)));
  }

  /** The verdicts whose rule quarantines the batch. */
  List<QualityVerdict> breaking() {
    return verdicts.stream().filter(v -> v.outcome() == VerdictOutcome.QUARANTINE).toList();
  }

  /** The batch's snapshot summary: its lineage, plus the profile and any verdicts. */
  Map<String, String> snapshotSummary(BatchSnapshot batch) {
    Map<String, String> summary = new LinkedHashMap<>(batch.summary());
    summary.put(BatchProfile.SUMMARY_KEY, profile.toJson());
    if (!verdicts.isEmpty()) {
      summary.put(QualityRecord.SUMMARY_KEY, QualityRecord.toJson(verdicts));
    }
    return summary;
  }

  /** The quarantine report's summary naming every breaking rule. */
  String quarantineSummary(RawObjectRef raw) {
    List<QualityVerdict> breaking = breaking();
    StringBuilder text = new StringBuilder("Quarantined " + raw.uri() + ": quality rule ");
    for (int i = 0; i < breaking.size(); i++) {
      text.append(i == 0 ? "" : "; ").append(breaking.get(i).message());
    }
    return text.append('.').toString();
  }
}
