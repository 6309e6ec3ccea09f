package io.strata.local.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one shard the way Lambda's event source mapping does: records gather until the batch is
 * full or its first record waited the batching window, then the batch is handed over; after a
 * failed batch the shard is read again from that batch's first record.
 */
final class ShardReader {

  private final String stream;
  private final String shard;
  private final int batchSize;
  private final Duration window;
  private final List<KinesisJsonClient.Received> buffer = new ArrayList<>();
  private String iterator;
  private Instant firstBuffered;
  private Instant pausedUntil = Instant.MIN;

  ShardReader(String stream, String shard, int batchSize, Duration window) {
    this.stream = stream;
    this.shard = shard;
    this.batchSize = batchSize;
    this.window = window;
  }

  String stream() {
    return stream;
  }

  String shard() {
    return shard;
  }

  /** Asks the shard for new records, unless the batch is full or the shard is paused. */
  void fetch(KinesisJsonClient kinesis, Instant now) {
    if (buffer.size() >= batchSize || now.isBefore(pausedUntil)) {
      return;
    }
    if (iterator == null) {
      iterator = kinesis.shardIterator(stream, shard, "TRIM_HORIZON", null);
    }
    KinesisJsonClient.Page page = kinesis.records(iterator, batchSize - buffer.size());
    iterator = page.nextIterator();
    if (!page.records().isEmpty() && buffer.isEmpty()) {
      firstBuffered = now;
    }
    buffer.addAll(page.records());
  }

  /** True when the gathered records are to be handed over now. */
  boolean due(Instant now) {
    return !buffer.isEmpty()
        && (buffer.size() >= batchSize || !now.isBefore(firstBuffered.plus(window)));
  }

  /** The gathered records, which the reader forgets. */
  List<KinesisJsonClient.Received> take() {
    List<KinesisJsonClient.Received> batch = List.copyOf(buffer);
    buffer.clear();
    firstBuffered = null;
    return batch;
  }

  /**
   * After a failed batch: reads again from its first record once {@code pause} passed, so a failing
   * batch is retried, not skipped, without hammering what failed.
   */
  void rewind(KinesisJsonClient kinesis, String sequenceNumber, Instant now, Duration pause) {
    buffer.clear();
    firstBuffered = null;
    pausedUntil = now.plus(pause);
    iterator = kinesis.shardIterator(stream, shard, "AT_SEQUENCE_NUMBER", sequenceNumber);
  }
}
