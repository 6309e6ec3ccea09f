package io.strata.core.ingest;

import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DatasetContract;
import io.strata.core.metrics.MetricsLog;
import io.strata.core.store.ObjectChangedException;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.HistoryTables;
import io.strata.core.table.TableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ingests one raw object: resolves its dataset's contract, validates every record, writes valid
 * rows as Parquet files of the dataset's Iceberg table, commits them as one snapshot and writes the
 * batch manifest, or quarantines the file with a report. Idempotent per object version: a batch
 * that is already committed (manifest or snapshot) or quarantined is never appended again.
 * Thread-safe; every call works on its own state.
 */
public final class IngestService {

  private final IngestParts parts;
  private final ContractRepository contracts;
  private final Quarantine quarantine;
  private final String lake;

  public IngestService(
      ObjectStore store,
      ContractRepository contracts,
      HistoryTables tables,
      IngestSettings settings,
      Clock clock) {
    this(store, contracts, tables, settings, clock, List.of());
  }

  /**
   * An ingest service whose every committed batch is followed by {@code followers}, in order,
   * before its manifest is written (see {@link CommitFollower}).
   */
  public IngestService(
      ObjectStore store,
      ContractRepository contracts,
      HistoryTables tables,
      IngestSettings settings,
      Clock clock,
      List<CommitFollower> followers) {
    this.parts = IngestParts.of(store, tables, settings, clock, followers);
    this.contracts = Objects.requireNonNull(contracts, "contracts");
    this.quarantine = new Quarantine(store, settings.layout(), clock);
    // The lake's metrics dimension is its catalog namespace, the same for every dataset.
    this.lake = tables.identifier("any").namespace().toString();
  }

  /**
   * Ingests the object and logs one line about it.
   *
   * @throws io.strata.core.store.ObjectStoreException when storage fails; nothing is committed and
   *     a retry completes the batch
   * @throws io.strata.core.contract.ContractException when the dataset's contract is broken (an
   *     operator error: the event should be retried once the contract is fixed)
   * @throws io.strata.core.table.TableException when the table cannot be read or committed to;
   *     nothing is committed and a retry completes the batch
   */
  public IngestResult ingest(RawObjectRef raw) {
    Instant started = parts.clock().instant();
    IngestResult result;
    try {
      result = ingestUnlogged(raw, started);
    } catch (TableException e) {
      String dataset = LakeLayout.datasetOf(raw.key()).orElse(null);
      MetricsLog.emit(IngestMetrics.commitFailure(lake, dataset, parts.clock().instant()));
      throw e;
    }
    IngestLog.log(result);
    IngestMetrics.of(result, lake, parts.clock().instant()).forEach(MetricsLog::emit);
    return result;
  }

  /**
   * Ingests the object again although an earlier attempt quarantined it, once an operator fixed the
   * cause (a missing or broken contract): the quarantine report is set aside and the object is
   * ingested as on arrival, with its original arrival time. A committed batch is never ingested
   * twice; an object never quarantined is simply ingested. See {@link Reprocessing}.
   *
   * @throws RuntimeException like {@link #ingest}; the quarantine report is then put back
   */
  public IngestResult reprocess(RawObjectRef raw) {
    return new Reprocessing(parts.store(), parts.settings().layout(), parts.clock(), this::ingest)
        .run(raw);
  }

  private IngestResult ingestUnlogged(RawObjectRef raw, Instant started) {
    Optional<String> ignored = LakeLayout.whyIgnored(raw.key());
    if (ignored.isPresent()) {
      return new IngestResult(
          raw.uri(),
          null,
          null,
          IngestOutcome.IGNORED,
          0,
          0,
          0,
          "not a data file: " + ignored.get(),
          elapsed(started));
    }
    String batchId = BatchId.of(raw);
    Optional<String> dataset = LakeLayout.datasetOf(raw.key());
    if (alreadyProcessed(dataset.orElse(null), batchId)) {
      return new IngestResult(
          raw.uri(),
          dataset.orElse(null),
          batchId,
          IngestOutcome.ALREADY_PROCESSED,
          0,
          0,
          0,
          null,
          elapsed(started));
    }
    try {
      return ingestBatch(raw, batchId, dataset, started);
    } catch (ObjectChangedException e) {
      return new IngestResult(
          raw.uri(),
          dataset.orElse(null),
          batchId,
          IngestOutcome.IGNORED,
          0,
          0,
          0,
          "superseded: the object was replaced after this event; the new version's event ingests it",
          elapsed(started));
    }
  }

  private IngestResult ingestBatch(
      RawObjectRef raw, String batchId, Optional<String> dataset, Instant started) {
    if (dataset.isEmpty()) {
      return quarantine.unknownDataset(
          raw,
          batchId,
          null,
          "the key names no dataset: expected <dataset>/…/<file> with a lower-case dataset name",
          started);
    }
    Optional<DatasetContract> contract = contracts.find(dataset.get());
    if (contract.isEmpty()) {
      return quarantine.unknownDataset(
          raw,
          batchId,
          dataset.get(),
          "no contract declares dataset '" + dataset.get() + "'",
          started);
    }
    return new BatchIngestion(parts, quarantine, raw, batchId, contract.get()).run(started);
  }

  private boolean alreadyProcessed(String dataset, String batchId) {
    LakeLayout layout = parts.settings().layout();
    String bucket = layout.historyBucket();
    return (dataset != null
            && parts.store().head(bucket, layout.manifestKey(dataset, batchId)).isPresent())
        || parts.store().head(bucket, layout.quarantineReportKey(dataset, batchId)).isPresent();
  }

  private Duration elapsed(Instant started) {
    return Duration.between(started, parts.clock().instant());
  }
}
