package io.strata.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.strata.aws.maintenance.LakeMaintainer;
import io.strata.core.maintenance.LakeMaintenance.TableReport;
import jakarta.inject.Inject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lake maintenance Lambda, run by the EventBridge schedule the CDK app sets: one pass of {@link
 * LakeMaintainer} over the history, current and report tables (compaction, then the expiry of
 * snapshots outside each dataset's retention), with one log line per table. A table whose
 * maintenance fails does not stop the others; once they are maintained, the invocation fails with
 * {@link MaintenanceFailedException} naming the failed tables, so that Lambda's Errors metric (and
 * its alarm) and, after the retries, the dead-letter queue see it. A retry is harmless: a
 * maintained table has nothing left to compact or expire.
 */
public class MaintenanceHandler implements RequestHandler<ScheduledEvent, MaintenanceOutcome> {

  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceHandler.class);

  @Inject LakeMaintainer maintainer;

  @Override
  public MaintenanceOutcome handleRequest(ScheduledEvent event, Context context) {
    LOG.info("Maintenance pass for schedule event {} of {}", event.id(), event.time());
    List<TableReport> reports = maintainer.run();
    reports.forEach(MaintenanceHandler::log);
    MaintenanceOutcome outcome = MaintenanceOutcome.of(reports);
    if (outcome.failures() > 0) {
      List<String> failed =
          reports.stream().filter(r -> r.failure() != null).map(r -> r.table().toString()).toList();
      throw new MaintenanceFailedException(
          "Cannot maintain "
              + outcome.failures()
              + " of "
              + outcome.tables()
              + " tables: "
              + String.join(", ", failed)
              + " (the others were maintained)");
    }
    return outcome;
  }

  /** One line a log query can parse: table, files before and after, snapshots expired, failure. */
  private static void log(TableReport report) {
    var compaction = report.compaction();
    var expiry = report.expiry();
    LOG.info(
        "maintenance table={} filesBefore={} filesAfter={} compacted={} snapshotsExpired={}"
            + " snapshotsKept={} failure={}",
        report.table(),
        compaction == null ? null : compaction.filesBefore(),
        compaction == null ? null : compaction.filesAfter(),
        compaction != null && compaction.compacted(),
        expiry == null ? null : expiry.expired(),
        expiry == null ? null : expiry.kept(),
        report.failure() == null ? null : "\"" + report.failure().replace("\"", "'") + "\"");
  }
}
