package io.strata.local.split;

import io.quarkus.runtime.ShutdownEvent;
import io.strata.aws.split.LargeFiles;
import io.strata.aws.split.SplitConfig;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.ParallelIngest;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.ingest.SplitIngestion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local lake's large files: objects above {@code strata.split.threshold-bytes} are ingested in
 * byte ranges on a thread pool of {@code strata.split.scan-threads} workers, the same plan,
 * workers, key check and commit the state machine runs in AWS ({@link ParallelIngest}); the watcher
 * waits for the result as it waits for any ingest.
 */
@ApplicationScoped
public class LocalLargeFiles implements LargeFiles {

  private final SplitIngestion split;
  private final ExecutorService workers;
  private final ParallelIngest parallel;

  @Inject
  public LocalLargeFiles(SplitIngestion split, IngestService whole, SplitConfig config) {
    this.split = split;
    this.workers =
        Executors.newFixedThreadPool(
            Math.max(1, config.scanThreads()),
            r -> {
              Thread t = new Thread(r, "strata-range-worker");
              t.setDaemon(true);
              return t;
            });
    this.parallel = new ParallelIngest(split, whole, workers, Clock.systemUTC());
  }

  @Override
  public Optional<IngestResult> take(RawObjectRef raw) {
    if (!split.settings().splits(raw.size())) {
      return Optional.empty();
    }
    return Optional.of(parallel.ingest(raw));
  }

  void stop(@Observes ShutdownEvent event) {
    workers.shutdownNow();
  }
}
