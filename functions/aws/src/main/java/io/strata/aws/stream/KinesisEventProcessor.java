package io.strata.aws.stream;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.strata.core.contract.ContractException;
import io.strata.core.ingest.StreamBatch;
import io.strata.core.ingest.StreamIngestService;
import io.strata.core.ingest.StreamNames;
import io.strata.core.ingest.StreamRecord;
import io.strata.core.ingest.StreamResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Kinesis event (Lambda's event source mapping, or the local lake's poller) into one
 * micro-batch per stream and shard and hands each to the stream ingest service. Poison records are
 * the service's business (quarantined, never failed); only a batch the service could not complete
 * (storage, catalog, a broken contract) is reported as a batch item failure, by its first sequence
 * number, so Lambda retries that batch from there and the records before it stay done.
 */
@ApplicationScoped
public class KinesisEventProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisEventProcessor.class);

  private final StreamIngestService ingest;
  private final String prefix;

  @Inject
  public KinesisEventProcessor(StreamIngestService ingest, StreamConfig config) {
    this.ingest = ingest;
    this.prefix = config.namePrefix();
  }

  /** The results of the batches that completed and the failures Lambda should retry. */
  public record Outcome(List<StreamResult> results, StreamsEventResponse response) {}

  /** Ingests every batch of the event; never throws for a batch, it reports it instead. */
  public Outcome process(KinesisEvent event) {
    List<KinesisEvent.KinesisEventRecord> records =
        event == null || event.getRecords() == null ? List.of() : event.getRecords();
    Map<String, List<KinesisEvent.KinesisEventRecord>> byShard = new LinkedHashMap<>();
    for (KinesisEvent.KinesisEventRecord record : records) {
      String stream = StreamNames.fromArn(record.getEventSourceARN()).orElse("unknown");
      byShard.computeIfAbsent(stream + "\n" + shardOf(record), k -> new ArrayList<>()).add(record);
    }
    List<StreamResult> results = new ArrayList<>();
    List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
    for (Map.Entry<String, List<KinesisEvent.KinesisEventRecord>> shard : byShard.entrySet()) {
      String[] names = shard.getKey().split("\n", 2);
      String where = names[0] + "/" + names[1];
      // Lambda retries from the lowest sequence number reported: the first of the batch.
      String first = shard.getValue().get(0).getKinesis().getSequenceNumber();
      try {
        StreamBatch batch = batch(names[0], names[1], shard.getValue());
        first = batch.firstSequence();
        String dataset = StreamNames.datasetOf(prefix, names[0]).orElse(null);
        results.add(ingest.ingest(dataset, batch));
      } catch (ContractException e) {
        // An operator's mistake that the message explains: no stack trace.
        LOG.error("Cannot ingest records of {}: {}", where, e.getMessage());
        failures.add(new StreamsEventResponse.BatchItemFailure(first));
      } catch (RuntimeException e) {
        LOG.error("Cannot ingest records of {}: {}", where, e.getMessage(), e);
        failures.add(new StreamsEventResponse.BatchItemFailure(first));
      }
    }
    return new Outcome(results, new StreamsEventResponse(failures));
  }

  private static StreamBatch batch(
      String stream, String shard, List<KinesisEvent.KinesisEventRecord> records) {
    List<StreamRecord> batch = new ArrayList<>(records.size());
    for (KinesisEvent.KinesisEventRecord record : records) {
      KinesisEvent.Record kinesis = record.getKinesis();
      batch.add(
          new StreamRecord(
              kinesis.getSequenceNumber(),
              kinesis.getPartitionKey(),
              kinesis.getApproximateArrivalTimestamp() == null
                  ? Instant.EPOCH
                  : kinesis.getApproximateArrivalTimestamp().toInstant(),
              bytes(kinesis.getData())));
    }
    return new StreamBatch(stream, shard, batch);
  }

  /** The shard of a record: Lambda's event id is {@code <shard id>:<sequence number>}. */
  static String shardOf(KinesisEvent.KinesisEventRecord record) {
    String id = record.getEventID();
    int colon = id == null ? -1 : id.indexOf(':');
    return colon > 0 ? id.substring(0, colon) : "unknown";
  }

  private static byte[] bytes(ByteBuffer data) {
    if (data == null) {
      return new byte[0];
    }
    ByteBuffer copy = data.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
