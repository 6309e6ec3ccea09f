package io.strata.core.ingest;

import io.strata.core.contract.ContractRepository;
import io.strata.core.contract.DatasetContract;
import io.strata.core.store.ObjectStore;
import io.strata.core.table.HistoryTables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Ingests micro-batches of stream records: the records of one shard of one dataset's stream are
 * validated by the dataset's contract exactly like the rows of a file, and committed to its history
 * table as one Iceberg snapshot (see {@link StreamBatchIngestion}); poison records go to quarantine
 * and never hold the shard up. Exactly once per record: a redelivered batch has the same {@link
 * StreamBatchId} and is found committed, and a batch cut differently skips the records its shard's
 * snapshots hold already. Thread-safe; every call works on its own state.
 */
public final class StreamIngestService {

  private static final Logger LOG = LoggerFactory.getLogger(StreamIngestService.class);

  private final IngestParts parts;
  private final ContractRepository contracts;
  private final StreamQuarantine quarantine;

  public StreamIngestService(
      ObjectStore store,
      ContractRepository contracts,
      HistoryTables tables,
      IngestSettings settings,
      Clock clock,
      List<CommitFollower> followers) {
    this.parts = IngestParts.of(store, tables, settings, clock, followers);
    this.contracts = Objects.requireNonNull(contracts, "contracts");
    this.quarantine = new StreamQuarantine(store, settings.layout(), clock);
  }

  /**
   * Ingests one micro-batch of the dataset's stream and logs one line about it.
   *
   * @param dataset the dataset the stream carries, or null when its name names none (the records
   *     then go to quarantine)
   * @throws io.strata.core.store.ObjectStoreException when storage fails; nothing is committed and
   *     a redelivery completes the batch
   * @throws io.strata.core.contract.ContractException when the dataset's contract is broken (an
   *     operator error: the batch should be retried once the contract is fixed)
   * @throws io.strata.core.table.TableException when the table cannot be read or committed to
   */
  public StreamResult ingest(String dataset, StreamBatch batch) {
    Instant started = parts.clock().instant();
    StreamResult result = ingestUnlogged(dataset, batch, started);
    log(result);
    return result;
  }

  private StreamResult ingestUnlogged(String dataset, StreamBatch batch, Instant started) {
    String batchId = StreamBatchId.of(batch);
    LakeLayout layout = parts.settings().layout();
    if (dataset != null
        && parts
            .store()
            .head(layout.historyBucket(), layout.manifestKey(dataset, batchId))
            .isPresent()) {
      return new StreamResult(
          batch.uri(),
          dataset,
          batchId,
          StreamOutcome.ALREADY_PROCESSED,
          0,
          0,
          batch.records().size(),
          0,
          elapsed(started));
    }
    Optional<DatasetContract> contract =
        dataset == null ? Optional.empty() : contracts.find(dataset);
    if (contract.isEmpty()) {
      String why =
          dataset == null
              ? "the stream " + batch.stream() + " names no dataset"
              : "no contract declares dataset '" + dataset + "'";
      List<StreamQuarantine.Poison> all = new ArrayList<>();
      for (int i = 0; i < batch.records().size(); i++) {
        all.add(new StreamQuarantine.Poison(i + 1, batch.records().get(i), List.of()));
      }
      quarantine.put(
          batch,
          batchId,
          dataset,
          null,
          "unknown_dataset",
          "Quarantined " + batch.uri() + ": " + why + ".",
          all);
      return new StreamResult(
          batch.uri(),
          dataset,
          batchId,
          StreamOutcome.QUARANTINED,
          0,
          all.size(),
          0,
          0,
          elapsed(started));
    }
    return new StreamBatchIngestion(parts, quarantine, batch, batchId, contract.get()).run(started);
  }

  private Duration elapsed(Instant started) {
    return Duration.between(started, parts.clock().instant());
  }

  private static void log(StreamResult r) {
    MDC.put("source", r.source());
    MDC.put("dataset", String.valueOf(r.dataset()));
    MDC.put("batchId", r.batchId());
    MDC.put("outcome", r.outcome().name());
    try {
      LOG.info(
          "{} {}: batch {}, {} records accepted, {} quarantined, {} already committed, {} files"
              + " in {} ms",
          r.outcome(),
          r.source(),
          r.batchId(),
          r.recordsAccepted(),
          r.recordsQuarantined(),
          r.recordsSkipped(),
          r.filesWritten(),
          r.duration().toMillis());
    } finally {
      MDC.remove("source");
      MDC.remove("dataset");
      MDC.remove("batchId");
      MDC.remove("outcome");
    }
  }
}
