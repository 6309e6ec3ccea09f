package io.strata.local;

import io.strata.aws.maintenance.LakeMaintainer;
import io.strata.core.maintenance.CompactionResult;
import io.strata.core.maintenance.ExpiryResult;
import io.strata.core.maintenance.LakeMaintenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local lake's compaction and retention: once with {@code --maintain}, and in the background of
 * the running lake every {@code strata.local.maintenance.interval} (1 hour; off with {@code
 * strata.local.maintenance.enabled=false}). Both run inside the process that holds the lake's lock
 * ({@link LakeLock}), so a {@code --maintain} while the lake runs is refused like any second lake,
 * and the background pass commits beside the watcher's batches through Iceberg's validated commits.
 */
@ApplicationScoped
public class LocalMaintenance {

  private static final Logger LOG = LoggerFactory.getLogger(LocalMaintenance.class);

  @Inject LakeMaintainer maintainer;
  @Inject LocalLakeConfig config;

  /** One pass, a line per table printed; returns the number of tables that failed. */
  int runOnce() {
    List<LakeMaintenance.TableReport> reports = maintainer.run();
    reports.forEach(r -> System.out.println(line(r)));
    System.out.println(
        "Maintained " + reports.size() + " table" + (reports.size() == 1 ? "" : "s"));
    return (int) reports.stream().filter(r -> r.failure() != null).count();
  }

  /** Starts the background passes, or returns null when they are off. */
  ScheduledExecutorService schedule() {
    LocalLakeConfig.Maintenance settings = config.maintenance();
    if (!settings.enabled()) {
      LOG.info("Background maintenance is off (strata.local.maintenance.enabled=false)");
      return null;
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "lake-maintenance"));
    long interval = settings.interval().toMillis();
    executor.scheduleWithFixedDelay(this::runQuietly, interval, interval, TimeUnit.MILLISECONDS);
    return executor;
  }

  private void runQuietly() {
    try {
      for (LakeMaintenance.TableReport report : maintainer.run()) {
        LOG.info("{}", line(report));
      }
    } catch (RuntimeException e) {
      LOG.error("Cannot maintain the lake: {}", e.getMessage(), e);
    }
  }

  /**
   * {@code strata.orders: 24 files -> 2 (1.2 MB -> 1.1 MB), 3 snapshots expired, 2 kept}, or why
   * the table failed.
   */
  static String line(LakeMaintenance.TableReport report) {
    if (report.failure() != null) {
      return report.table() + ": failed: " + report.failure();
    }
    CompactionResult compaction = report.compaction();
    ExpiryResult expiry = report.expiry();
    String files =
        compaction.compacted()
            ? compaction.filesBefore()
                + " files -> "
                + compaction.filesAfter()
                + " ("
                + compaction.bytesRewritten()
                + " bytes -> "
                + compaction.bytesWritten()
                + " bytes)"
            : compaction.filesBefore() + " files, nothing to compact";
    String deletes =
        compaction.filesWithDeletes() == 0
            ? ""
            : ", " + compaction.filesWithDeletes() + " files with row deletes left alone";
    String snapshots =
        expiry.cutoff() == null
            ? expiry.kept() + " snapshots kept (no retention)"
            : expiry.expired() + " snapshots expired, " + expiry.kept() + " kept";
    return report.table() + ": " + files + deletes + ", " + snapshots;
  }
}
