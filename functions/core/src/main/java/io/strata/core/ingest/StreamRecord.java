package io.strata.core.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * One record as a stream delivered it (a Kinesis record): its bytes are one JSON object of the
 * dataset the stream carries.
 *
 * @param sequenceNumber the record's sequence number in its shard, a decimal string (Kinesis
 *     sequence numbers exceed a long)
 * @param partitionKey the key the producer chose for sharding; kept for the quarantine report only
 * @param arrivedAt when the stream accepted the record (Kinesis' approximate arrival timestamp)
 * @param data the record's payload as sent (already base64-decoded)
 */
public record StreamRecord(
    String sequenceNumber, String partitionKey, Instant arrivedAt, byte[] data) {

  public StreamRecord {
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    Objects.requireNonNull(arrivedAt, "arrivedAt");
    Objects.requireNonNull(data, "data");
    if (!sequenceNumber.matches("[0-9]{1,128}")) {
      throw new IllegalArgumentException(
          "Cannot read stream record: sequence number '" + sequenceNumber + "' is not a number");
    }
  }

  /** The sequence number as a number, for ordering records of one shard. */
  public java.math.BigInteger sequence() {
    return new java.math.BigInteger(sequenceNumber);
  }
}
