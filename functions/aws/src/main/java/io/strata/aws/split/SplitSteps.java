package io.strata.aws.split;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.strata.core.ingest.BatchId;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import io.strata.core.ingest.IngestService;
import io.strata.core.ingest.LakeJson;
import io.strata.core.ingest.LakeLayout;
import io.strata.core.ingest.RawObjectRef;
import io.strata.core.ingest.SplitIngestion;
import io.strata.core.ingest.split.SplitPlan;
import io.strata.core.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Runs one step of the large-file state machine for an object (see {@link SplitIngestion}). The
 * plan step writes the items of the first Distributed Map (one range event each) to the history
 * bucket, or an empty list after ingesting the object whole when it cannot be split; the key step
 * writes those of the second (the ranges to run again). Each step can be retried.
 */
public final class SplitSteps {

  private final SplitIngestion split;
  private final IngestService whole;
  private final ObjectStore store;
  private final String historyBucket;
  private final Clock clock;

  public SplitSteps(
      SplitIngestion split,
      IngestService whole,
      ObjectStore store,
      String historyBucket,
      Clock clock) {
    this.split = split;
    this.whole = whole;
    this.store = store;
    this.historyBucket = historyBucket;
    this.clock = clock;
  }

  /**
   * @throws IllegalArgumentException for a step the state machine does not have
   */
  public IngestResult run(String step, RawObjectRef raw) {
    Instant started = clock.instant();
    String dataset = LakeLayout.datasetOf(raw.key()).orElse("_unnamed");
    String batchId = BatchId.of(raw);
    if (step.equals("plan")) {
      Optional<SplitPlan> plan = split.plan(raw);
      IngestResult result =
          plan.isPresent()
              ? note(
                  raw,
                  dataset,
                  batchId,
                  "planned " + plan.get().ranges().size() + " ranges",
                  started)
              : whole.ingest(raw);
      List<Integer> ranges =
          plan.map(p -> IntStream.range(0, p.ranges().size()).boxed().toList()).orElse(List.of());
      putItems(SplitIngestion.itemsKey(dataset, batchId), raw, ranges);
      return result;
    }
    if (step.startsWith("range:")) {
      int index = parseIndex(step);
      split.range(raw, index);
      return note(raw, dataset, batchId, "range " + index + " ingested", started);
    }
    if (step.equals("keys")) {
      List<Integer> rerun = split.hasPlan(raw) ? split.checkKeys(raw) : List.of();
      putItems(SplitIngestion.rerunsKey(dataset, batchId), raw, rerun);
      return note(raw, dataset, batchId, rerun.size() + " ranges to run again", started);
    }
    if (step.equals("commit")) {
      if (!split.hasPlan(raw)) {
        return note(raw, dataset, batchId, "ingested whole by the plan step", started);
      }
      return split.commit(raw, started).orElseGet(() -> whole.ingest(raw));
    }
    throw new IllegalArgumentException("Cannot run large-file step '" + step + "': no such step");
  }

  private void putItems(String key, RawObjectRef raw, List<Integer> ranges) {
    ArrayNode items = LakeJson.mapper().createArrayNode();
    ranges.forEach(i -> items.add(SplitEvents.event(raw, "range:" + i)));
    try {
      byte[] json = LakeJson.mapper().writeValueAsString(items).getBytes(StandardCharsets.UTF_8);
      store.put(historyBucket, key, json, "application/json");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the items of " + key, e);
    }
  }

  private static int parseIndex(String step) {
    try {
      int index = Integer.parseInt(step.substring("range:".length()));
      if (index < 0) {
        throw new NumberFormatException("negative");
      }
      return index;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Cannot run large-file step '" + step + "': the range is not a number", e);
    }
  }

  private IngestResult note(
      RawObjectRef raw, String dataset, String batchId, String what, Instant started) {
    return new IngestResult(
        raw.uri(),
        dataset,
        batchId,
        IngestOutcome.FANNED_OUT,
        0,
        0,
        0,
        what,
        Duration.between(started, clock.instant()));
  }
}
