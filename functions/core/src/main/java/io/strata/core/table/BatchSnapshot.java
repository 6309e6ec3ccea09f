package io.strata.core.table;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;

/**
 * A committed batch as its Iceberg snapshot's summary records it: which raw object version it came
 * from, under which contract version, and how many rows were read, accepted and rejected. Written
 * by ingest on every append and read back by the dataset routes and by a retry that finds its batch
 * committed but its manifest missing.
 *
 * @param sourceVersionId null when the raw bucket is not versioned
 * @param sourceETag null when the event carried none
 * @param committedAt the snapshot's commit time (milliseconds)
 * @param rejectsFile the key of the rejected rows beside the manifest, or null
 */
public record BatchSnapshot(
    String batchId,
    String source,
    String sourceVersionId,
    String sourceETag,
    long sourceSize,
    int contractVersion,
    Instant ingestedAt,
    Instant committedAt,
    long rowsRead,
    long rowsAccepted,
    long rowsRejected,
    String rejectsFile) {

  static final String PREFIX = "strata.";

  /** The summary properties of the append (all but the batch id, which the committer adds). */
  public Map<String, String> summary() {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put(PREFIX + "source", source);
    putIfSet(summary, "source-version-id", sourceVersionId);
    putIfSet(summary, "source-etag", sourceETag);
    summary.put(PREFIX + "source-size", Long.toString(sourceSize));
    summary.put(PREFIX + "contract-version", Integer.toString(contractVersion));
    summary.put(PREFIX + "ingested-at", ingestedAt.toString());
    summary.put(PREFIX + "rows-read", Long.toString(rowsRead));
    summary.put(PREFIX + "rows-accepted", Long.toString(rowsAccepted));
    summary.put(PREFIX + "rows-rejected", Long.toString(rowsRejected));
    putIfSet(summary, "rejects-file", rejectsFile);
    return summary;
  }

  /**
   * The batch a snapshot committed, or empty for a snapshot Strata did not write (compaction, a
   * change made by another engine).
   */
  public static Optional<BatchSnapshot> of(Snapshot snapshot) {
    Map<String, String> summary = snapshot.summary();
    String batchId = summary.get(BatchCommitter.BATCH_ID);
    if (batchId == null) {
      return Optional.empty();
    }
    return Optional.of(
        new BatchSnapshot(
            batchId,
            summary.get(PREFIX + "source"),
            summary.get(PREFIX + "source-version-id"),
            summary.get(PREFIX + "source-etag"),
            number(summary, "source-size"),
            (int) number(summary, "contract-version"),
            instant(summary.get(PREFIX + "ingested-at")),
            Instant.ofEpochMilli(snapshot.timestampMillis()),
            number(summary, "rows-read"),
            number(summary, "rows-accepted"),
            number(summary, "rows-rejected"),
            summary.get(PREFIX + "rejects-file")));
  }

  private static void putIfSet(Map<String, String> summary, String key, String value) {
    if (value != null) {
      summary.put(PREFIX + key, value);
    }
  }

  private static long number(Map<String, String> summary, String key) {
    try {
      return Long.parseLong(summary.getOrDefault(PREFIX + key, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
