package io.strata.local;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the local lake. By default it watches the raw bucket until stopped; with {@code --once}
 * (or {@code strata.local.once=true}) it ingests what waits there, prints a summary and exits: 0
 * when every object was processed, 1 when any failed.
 */
@QuarkusMain
public class LocalLakeMain implements QuarkusApplication {

  private static final Logger LOG = LoggerFactory.getLogger(LocalLakeMain.class);

  @Inject RawBucketWatcher watcher;
  @Inject LocalLakeConfig config;

  @ConfigProperty(name = "quarkus.http.port")
  int httpPort;

  @Override
  public int run(String... args) {
    if (config.once() || Arrays.asList(args).contains("--once")) {
      return runOnce();
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
    Quarkus.waitForExit();
    scanner.shutdownNow();
    return 0;
  }

  private int runOnce() {
    RawBucketWatcher.ScanResult scan = watcher.scan(false);
    Map<IngestOutcome, Long> outcomes =
        scan.results().stream()
            .collect(
                Collectors.groupingBy(
                    IngestResult::outcome,
                    () -> new EnumMap<>(IngestOutcome.class),
                    Collectors.counting()));
    System.out.println(
        "Ingested "
            + scan.results().size()
            + " raw objects: "
            + outcomes.entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase() + " " + e.getValue())
                .collect(Collectors.joining(", "))
            + (scan.failures().isEmpty() ? "" : "; failed " + scan.failures().size()));
    scan.failures().forEach(f -> System.out.println("  " + f));
    return scan.failures().isEmpty() ? 0 : 1;
  }

  private void scanQuietly() {
    try {
      watcher.scan(true);
    } catch (RuntimeException e) {
      LOG.error("Cannot scan the raw bucket: {}", e.getMessage(), e);
    }
  }
}
