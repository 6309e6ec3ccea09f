package io.strata.core.ingest;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A micro-batch: consecutive records of one shard of one stream, as one delivery (a Lambda
 * invocation, one poll of the local lake) hands them over. It becomes one Iceberg snapshot.
 *
 * @param stream the stream's name
 * @param shard the shard's id
 * @param records in sequence order, never empty
 */
public record StreamBatch(String stream, String shard, List<StreamRecord> records) {

  public StreamBatch {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(shard, "shard");
    if (stream.isBlank() || shard.isBlank()) {
      throw new IllegalArgumentException(
          "Cannot read stream batch: stream and shard must be named");
    }
    if (records == null || records.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot read stream batch of " + stream + "/" + shard + ": it holds no record");
    }
    records = records.stream().sorted(Comparator.comparing(StreamRecord::sequence)).toList();
  }

  public String firstSequence() {
    return records.get(0).sequenceNumber();
  }

  public String lastSequence() {
    return records.get(records.size() - 1).sequenceNumber();
  }

  public BigInteger last() {
    return records.get(records.size() - 1).sequence();
  }

  /**
   * When the batch's last record arrived: its {@code _ingested_at}, the same on every redelivery of
   * the same records.
   */
  public Instant arrivedAt() {
    return records.get(records.size() - 1).arrivedAt();
  }

  /** {@code <stream>/<shard>}, the batch's {@code _source_key}. */
  public String shardKey() {
    return stream + "/" + shard;
  }

  /** {@code kinesis://<stream>/<shard>/<first>-<last>}, the batch's source in manifests. */
  public String uri() {
    return "kinesis://" + shardKey() + "/" + firstSequence() + "-" + lastSequence();
  }

  /** The payload bytes of all records. */
  public long bytes() {
    long total = 0;
    for (StreamRecord record : records) {
      total += record.data().length;
    }
    return total;
  }
}
