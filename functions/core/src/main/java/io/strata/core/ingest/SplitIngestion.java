package io.strata.core.ingest;

import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DatasetContract;
import io.strata.core.ingest.split.CrossRangeKeys;
import io.strata.core.ingest.split.ObjectSplitter;
import io.strata.core.ingest.split.RangeResult;
import io.strata.core.ingest.split.SplitDecision;
import io.strata.core.ingest.split.SplitPlan;
import io.strata.core.ingest.split.SplitSettings;
import io.strata.core.store.ObjectInfo;
import io.strata.core.store.ObjectNotFoundException;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.BatchCommitter;
import io.strata.core.table.HistoryTables;
import io.strata.core.table.SchemaChangeRefusedException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one large raw object in byte ranges, as four steps that may run in different processes
 * (AWS Step Functions) or on one machine's thread pool ({@link ParallelIngest}): {@link #plan},
 * {@link #range} for every range (in parallel), {@link #checkKeys} then {@link #range} again for
 * the ranges it names, and {@link #commit}. The outcome is the whole-file path's: the same rows,
 * rejects with the same lines, the same key checks and error policy, one snapshot, exactly once.
 * Every step can be retried; the state between steps lives in the history bucket ({@link
 * SplitWork}). Thread-safe.
 */
public final class SplitIngestion {

  private static final Logger LOG = LoggerFactory.getLogger(SplitIngestion.class);

  private final ObjectStore store;
  private final ContractRepository contracts;
  private final HistoryTables tables;
  private final IngestSettings settings;
  private final SplitSettings split;
  private final Clock clock;
  private final ObjectSplitter splitter;
  private final SplitCommit committer;

  public SplitIngestion(
      ObjectStore store,
      ContractRepository contracts,
      HistoryTables tables,
      IngestSettings settings,
      SplitSettings split,
      Clock clock,
      List<CommitFollower> followers,
      Executor scanners) {
    this.store = Objects.requireNonNull(store, "store");
    this.contracts = Objects.requireNonNull(contracts, "contracts");
    this.tables = Objects.requireNonNull(tables, "tables");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.split = Objects.requireNonNull(split, "split");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.splitter = new ObjectSplitter(store, scanners);
    this.committer =
        new SplitCommit(
            store,
            settings,
            new Quarantine(store, settings.layout(), clock),
            new BatchCommitter(tables.retry()),
            List.copyOf(followers),
            clock);
  }

  public SplitSettings settings() {
    return split;
  }

  /**
   * Plans the object's ranges and stores the plan.
   *
   * @return empty when the object is to be ingested whole by {@link IngestService}: it is no data
   *     file, names no dataset or contract, was processed already, its table refuses the schema
   *     change, it cannot be split (gzip, an encoding or header the byte scan cannot follow), or it
   *     is not above the threshold. The whole-file path handles each of those as it always does.
   */
  public Optional<SplitPlan> plan(RawObjectRef raw) {
    Optional<DatasetContract> contract = contractOf(raw);
    if (contract.isEmpty() || LakeLayout.whyIgnored(raw.key()).isPresent()) {
      return Optional.empty();
    }
    String batchId = BatchId.of(raw);
    LakeLayout layout = settings.layout();
    String dataset = contract.get().name();
    if (store.head(layout.historyBucket(), layout.manifestKey(dataset, batchId)).isPresent()
        || store
            .head(layout.historyBucket(), layout.quarantineReportKey(dataset, batchId))
            .isPresent()) {
      return Optional.empty();
    }
    long size = raw.size() >= 0 ? raw.size() : sizeOf(raw);
    if (!split.splits(size)) {
      return Optional.empty();
    }
    try {
      tables.ensure(contract.get());
    } catch (SchemaChangeRefusedException e) {
      return Optional.empty();
    }
    SplitDecision decision = splitter.plan(raw, size, contract.get(), batchId, split.rangeBytes());
    if (decision.asPlan().isEmpty()) {
      LOG.info("Ingesting {} of {} bytes whole: {}", raw.uri(), size, decision.wholeReason());
      return Optional.empty();
    }
    SplitPlan plan = decision.plan();
    work(plan).putPlan(plan);
    LOG.info("Ingesting {} of {} bytes in {} ranges", raw.uri(), size, plan.ranges().size());
    return Optional.of(plan);
  }

  /**
   * Ingests range {@code index} of the planned object into files of its own and stores its result;
   * on a rerun after {@link #checkKeys}, rows whose key an earlier range holds are rejected.
   */
  public RangeResult range(RawObjectRef raw, int index) {
    Planned planned = planned(raw);
    SplitWork work = work(planned.plan());
    Optional<RangeResult> earlier = work.result(index);
    RangeResult result =
        new RangeWorker(
                store,
                settings,
                work,
                planned.contract(),
                raw,
                planned.plan(),
                index,
                work.duplicates(index))
            .run(planned.table());
    work.putResult(result);
    earlier.ifPresent(e -> dropStaleFiles(e, result));
    return result;
  }

  /**
   * Deletes the files an earlier run of the range wrote that this run did not rewrite (a rerun that
   * rejects a repeated key may leave a partition without rows): never committed, no engine saw
   * them.
   */
  private void dropStaleFiles(RangeResult earlier, RangeResult now) {
    java.util.Set<String> kept = new java.util.HashSet<>();
    now.files().forEach(f -> kept.add(f.key()));
    for (var file : earlier.files()) {
      if (!kept.contains(file.key())) {
        store.delete(settings.layout().historyBucket(), file.key());
      }
    }
  }

  /**
   * Merges the ranges' keys: of a key that several ranges accepted, every range but the first must
   * reject its row. Stores those lines per range.
   *
   * @return the ranges to run again with {@link #range}; empty for a file without repeated keys
   *     across ranges (the usual case, which costs one read of the key lists)
   */
  public List<Integer> checkKeys(RawObjectRef raw) {
    Planned planned = planned(raw);
    SplitWork work = work(planned.plan());
    List<RangeResult> results = results(planned.plan(), work);
    if (planned.contract().key().isEmpty()) {
      return List.of();
    }
    long[][] duplicates =
        CrossRangeKeys.duplicates(results.size(), i -> work.openKeys(results.get(i)));
    List<Integer> rerun = new ArrayList<>();
    for (int i = 0; i < duplicates.length; i++) {
      if (duplicates[i].length > 0) {
        work.putDuplicates(i, duplicates[i]);
        if (results.get(i).crossDuplicates() != duplicates[i].length) {
          rerun.add(i);
        }
      }
    }
    return rerun;
  }

  /**
   * Commits (or quarantines) the object from its ranges' results.
   *
   * @return empty when the object must be ingested whole after all (a range ended inside a quoted
   *     field, so the byte scan could not follow this file's quotes)
   * @throws IllegalStateException when a range has no result, or was not run again after the key
   *     check asked for it
   */
  public Optional<IngestResult> commit(RawObjectRef raw, Instant started) {
    Planned planned = planned(raw);
    SplitWork work = work(planned.plan());
    List<RangeResult> results = results(planned.plan(), work);
    for (RangeResult result : results) {
      int expected = work.duplicates(result.index()).length;
      if (result.crossDuplicates() != expected && result.rejection() == null) {
        throw new IllegalStateException(
            "Cannot commit batch "
                + planned.plan().batchId()
                + ": range "
                + result.index()
                + " must be run again to reject "
                + expected
                + " repeated key(s)");
      }
    }
    Optional<IngestResult> result =
        committer.commit(
            raw, planned.contract(), planned.table(), planned.plan(), work, results, started);
    result.ifPresentOrElse(
        IngestLog::log,
        () -> LOG.info("Ingesting {} whole: a range ended inside a quoted field", raw.uri()));
    return result;
  }

  /** Whether the object has a stored plan: it is being ingested in ranges. */
  public boolean hasPlan(RawObjectRef raw) {
    Optional<DatasetContract> contract = contractOf(raw);
    return contract.isPresent()
        && new SplitWork(store, settings.layout(), contract.get().name(), BatchId.of(raw))
            .plan()
            .isPresent();
  }

  /**
   * Where the large-file state machine finds the items of its first Distributed Map (one per
   * range), in the history bucket.
   */
  public static String itemsKey(String dataset, String batchId) {
    return SplitWork.prefix(dataset, batchId) + "items.json";
  }

  /** Where it finds the items of its second Distributed Map: the ranges to run again. */
  public static String rerunsKey(String dataset, String batchId) {
    return SplitWork.prefix(dataset, batchId) + "reruns.json";
  }

  private record Planned(DatasetContract contract, SplitPlan plan, Table table) {}

  private Planned planned(RawObjectRef raw) {
    DatasetContract contract =
        contractOf(raw)
            .orElseThrow(
                () -> new IllegalStateException("Cannot ingest " + raw.uri() + ": no contract"));
    SplitPlan plan =
        new SplitWork(store, settings.layout(), contract.name(), BatchId.of(raw))
            .plan()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Cannot ingest a range of " + raw.uri() + ": it has no split plan"));
    return new Planned(contract, plan, tables.ensure(contract));
  }

  private List<RangeResult> results(SplitPlan plan, SplitWork work) {
    List<RangeResult> results = new ArrayList<>();
    for (int i = 0; i < plan.ranges().size(); i++) {
      int index = i;
      results.add(
          work.result(i)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "Cannot merge the ranges of batch "
                              + plan.batchId()
                              + ": range "
                              + index
                              + " has no result")));
    }
    return results;
  }

  private Optional<DatasetContract> contractOf(RawObjectRef raw) {
    return LakeLayout.datasetOf(raw.key()).flatMap(contracts::find);
  }

  private long sizeOf(RawObjectRef raw) {
    ObjectInfo info =
        store
            .head(raw.bucket(), raw.key())
            .orElseThrow(() -> new ObjectNotFoundException(raw.bucket(), raw.key()));
    return info.size();
  }

  private SplitWork work(SplitPlan plan) {
    return new SplitWork(store, settings.layout(), plan.dataset(), plan.batchId());
  }
}
