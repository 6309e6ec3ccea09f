package io.strata.core.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives a micro-batch's id from what identifies its records: stream, shard and the first and last
 * sequence number. A redelivery of the same records (a retried invocation) gets the same id, so it
 * lands on the same history keys and is found committed; a redelivery cut differently (a bisected
 * retry) is caught by the shard's committed sequence number instead (see {@link
 * StreamIngestService}).
 */
public final class StreamBatchId {

  private static final int HEX_CHARS = 24;

  private StreamBatchId() {}

  /** A 24-character lowercase hex id (96 bits of SHA-256), like a file's batch id. */
  public static String of(StreamBatch batch) {
    String identity =
        "kinesis\n"
            + batch.stream()
            + '\n'
            + batch.shard()
            + '\n'
            + batch.firstSequence()
            + '\n'
            + batch.lastSequence();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
