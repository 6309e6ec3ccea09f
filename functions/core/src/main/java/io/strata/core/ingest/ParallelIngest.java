package io.strata.core.ingest;

import io.strata.core.ingest.split.SplitPlan;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Ingests a raw object on one machine: objects above the split threshold run the steps of {@link
 * SplitIngestion} with their ranges on a thread pool, the same plan Step Functions runs in AWS;
 * everything else goes to the whole-file {@link IngestService}. A failing range fails the object:
 * nothing is committed, and a retry completes it exactly once.
 */
public final class ParallelIngest {

  private final SplitIngestion split;
  private final IngestService whole;
  private final ExecutorService workers;
  private final Clock clock;

  public ParallelIngest(
      SplitIngestion split, IngestService whole, ExecutorService workers, Clock clock) {
    this.split = Objects.requireNonNull(split, "split");
    this.whole = Objects.requireNonNull(whole, "whole");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Ingests the object, in ranges when it is large enough and can be split.
   *
   * @throws RuntimeException what the first failing range (or step) threw; nothing is committed
   */
  public IngestResult ingest(RawObjectRef raw) {
    Instant started = clock.instant();
    Optional<SplitPlan> plan = split.plan(raw);
    if (plan.isEmpty()) {
      return whole.ingest(raw);
    }
    runRanges(raw, IntStream.range(0, plan.get().ranges().size()).boxed().toList());
    runRanges(raw, split.checkKeys(raw));
    return split.commit(raw, started).orElseGet(() -> whole.ingest(raw));
  }

  private void runRanges(RawObjectRef raw, List<Integer> ranges) {
    List<Future<?>> running = new ArrayList<>();
    for (int index : ranges) {
      running.add(workers.submit(() -> split.range(raw, index)));
    }
    RuntimeException failure = null;
    for (Future<?> future : running) {
      try {
        future.get();
      } catch (ExecutionException e) {
        failure = combine(failure, e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.forEach(f -> f.cancel(true));
        throw new CancellationException("Interrupted while ingesting " + raw.uri());
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException combine(RuntimeException first, Throwable next) {
    if (first != null) {
      first.addSuppressed(next);
      return first;
    }
    if (next instanceof RuntimeException runtime) {
      return runtime;
    }
    if (next instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(next);
  }
}
