package io.strata.local;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local lake once Quarkus started it ({@link LocalLakeMain} reads the command line). By default
 * it watches the raw bucket until stopped. With {@code --reprocess <dataset>} ({@code
 * strata.local.reprocess}) it ingests the dataset's quarantined objects again; with {@code --once}
 * ({@code strata.local.once}) it ingests what waits in the raw bucket; with {@code --maintain}
 * ({@code strata.local.maintain}) it compacts and expires once (see {@link LocalMaintenance}); each
 * prints a summary and exits: 0 when everything was done, 1 when anything failed.
 */
public class LocalLake implements QuarkusApplication {

  private static final Logger LOG = LoggerFactory.getLogger(LocalLake.class);

  @Inject RawBucketWatcher watcher;
  @Inject QuarantineRedrive redrive;
  @Inject LocalLakeConfig config;
  @Inject LocalMaintenance maintenance;

  @ConfigProperty(name = "quarkus.http.port")
  int httpPort;

  @Override
  public int run(String... args) {
    List<String> reprocess = config.reprocess().orElse(List.of());
    if (!reprocess.isEmpty() || config.once() || config.maintain()) {
      int failed = 0;
      for (String dataset : reprocess) {
        RawBucketWatcher.ScanResult result = redrive.reprocess(dataset);
        print("Reprocessed " + count(result, "quarantined object") + " of " + dataset, result);
        failed += result.failures().size();
      }
      if (config.once()) {
        RawBucketWatcher.ScanResult scan = watcher.scan(false);
        print("Ingested " + count(scan, "raw object"), scan);
        failed += scan.failures().size();
      }
      if (config.maintain()) {
        failed += maintenance.runOnce();
      }
      return failed == 0 ? 0 : 1;
    }
    ScheduledExecutorService scanner =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "raw-bucket-watcher"));
    long interval = config.pollInterval().toMillis();
    scanner.scheduleWithFixedDelay(this::scanQuietly, 0, interval, TimeUnit.MILLISECONDS);
    LOG.info(
        "Local lake ready: S3 at http://localhost:{}, query API at http://localhost:{} (send"
            + " X-Strata-Principal), drop files into {}/{}/<dataset>/ or upload them to"
            + " s3://{}/<dataset>/",
        config.s3Port(),
        httpPort,
        config.dataDir(),
        config.rawBucket(),
        config.rawBucket());
    if (config.icebergRest().enabled()) {
      LOG.info(
          "Iceberg REST catalog at http://localhost:{}/iceberg for engines on this machine; they"
              + " bypass the role rules and contracts",
          httpPort);
    }
    ScheduledExecutorService maintainer = maintenance.schedule();
    Quarkus.waitForExit();
    scanner.shutdownNow();
    if (maintainer != null) {
      maintainer.shutdownNow();
    }
    return 0;
  }

  private static String count(RawBucketWatcher.ScanResult result, String what) {
    int objects = result.results().size() + result.failures().size();
    return objects + " " + what + (objects == 1 ? "" : "s");
  }

  /** One line such as {@code Ingested 3 raw objects: committed 2, quarantined 1}, then failures. */
  private static void print(String done, RawBucketWatcher.ScanResult result) {
    Map<IngestOutcome, Long> outcomes =
        result.results().stream()
            .collect(
                Collectors.groupingBy(
                    IngestResult::outcome,
                    () -> new EnumMap<>(IngestOutcome.class),
                    Collectors.counting()));
    List<String> parts = new ArrayList<>();
    outcomes.forEach((outcome, n) -> parts.add(outcome.name().toLowerCase(Locale.ROOT) + " " + n));
    if (!result.failures().isEmpty()) {
      parts.add("failed " + result.failures().size());
    }
    System.out.println(done + (parts.isEmpty() ? "" : ": " + String.join(", ", parts)));
    result.failures().forEach(f -> System.out.println("  " + f));
  }

  private void scanQuietly() {
    try {
      watcher.scan(true);
    } catch (RuntimeException e) {
      LOG.error("Cannot scan the raw bucket: {}", e.getMessage(), e);
    }
  }
}
